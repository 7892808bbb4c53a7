export { RegisterAgentPage } from './RegisterAgentPage';
