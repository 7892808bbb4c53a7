export { DeleteAgentButton } from './DeleteAgentButton';
