export { McpServersSection } from './McpServersSection';
