export { AgentAuditTrail } from './AgentAuditTrail';
