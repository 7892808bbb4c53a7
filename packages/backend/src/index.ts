/*
 * The example Backstage backend that hosts the Agent Risk plugins. Wiring only:
 * every piece of logic lives in the plugins.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in: guest, for local use (see app-config.yaml)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// Demo sign-in as another example user, by header, in development only (the e2e uses it)
backend.add(import('./demoUsersAuthModule'));

// Catalog, with the upstream AI model (the AiResource kind) and the Agent Risk
// module that validates risk annotations on agent entities.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-ai-model'));
backend.add(import('@agent-risk/plugin-catalog-backend-module-agent-risk'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// Permissions: a real policy (src/examplePermissionPolicy.ts): owners edit
// their agents, the security group edits all.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./examplePermissionPolicy'));

// Agent Risk: scores, rankings, summaries (/api/agent-risk)
backend.add(import('@agent-risk/plugin-agent-risk-backend'));
// The example's own MCP server (help desk tools, 127.0.0.1:7011), which the
// MCP tool inventory lists: src/exampleMcpServer.ts.
backend.add(import('./exampleMcpServer'));
// Three local A2A agents (signed, unsigned, 0.3) that app-config.yaml's
// agent-card discovery finds, so discovered agents show out of the box.
backend.add(import('./exampleA2aAgents'));

// Scaffolder ("Create..."), with the agent-risk:register action that the
// "Register an AI agent" template (examples/templates/register-agent) runs.
backend.add(import('@backstage/plugin-scaffolder-backend'));
// The Template kind, so the catalog accepts examples/templates/*.
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@agent-risk/plugin-scaffolder-backend-module-agent-risk'));

// Notifications (the owner hears when an agent turns Critical, rises a band,
// becomes invalid or its review falls overdue) and signals, which push them
// to the browser at once.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// Search (/search): the in-memory Lunr engine (rebuilt at every start; add
// @backstage/plugin-search-backend-module-pg for a PostgreSQL index), with the
// catalog's entities and agents with their risk, found by threat id or tool.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@agent-risk/plugin-search-backend-module-agent-risk'));

// MCP actions: exposes catalog and agent-risk actions to AI assistants
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
