export * from './importAgentDocument';
export * from './directoryPage';
export * from './agentCard';
