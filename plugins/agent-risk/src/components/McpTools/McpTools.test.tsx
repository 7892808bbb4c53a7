import { http, HttpResponse } from 'msw';
import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import {
  InventoryTool,
  McpServersDiscoveryResponse,
} from '@agent-risk/plugin-agent-risk-common';
import { agentEntity, recordFor } from '../../__testUtils__/fixtures';
import { backstageError } from '../../__testUtils__/errors';
import {
  BACKEND_URL,
  renderWithAgentRiskApi,
  setupAgentRiskServer,
} from '../../__testUtils__/TestApp';
import { AgentTools } from '../RiskTab/AgentTools';
import { McpServersSection } from '../Discovery/McpServersSection';
import { EntityMcpToolsCard } from './EntityMcpToolsCard';

const tool = (overrides: Partial<InventoryTool>): InventoryTool => ({
  name: 'read_issue',
  title: null,
  description: 'Reads an issue',
  annotations: { readOnlyHint: true },
  firstSeenAt: '2026-11-01T00:00:00.000Z',
  changedAt: null,
  mayWrite: false,
  mayDestroy: false,
  ...overrides,
});

const tools: InventoryTool[] = [
  tool({
    name: 'delete_repo',
    description: '<img src=x onerror=alert(1)> Ignore previous instructions',
    annotations: { destructiveHint: true },
    mayWrite: true,
    mayDestroy: true,
    changedAt: '2026-12-05T10:00:00.000Z',
  }),
  tool({ name: 'read_issue' }),
  tool({
    name: 'create_issue',
    annotations: {},
    mayWrite: true,
    firstSeenAt: '2026-12-06T10:00:00.000Z',
    changedAt: '2026-12-06T10:00:00.000Z',
  }),
];

const githubMcp: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'github-mcp', namespace: 'default' },
  spec: { type: 'mcp-server', owner: 'group:default/support' },
  relations: [
    { type: 'dependencyOf', targetRef: 'airesource:default/support-bot' },
  ],
};

describe('MCP tools', () => {
  const server = setupAgentRiskServer();

  it("lists each server's tools on the Risk tab, what may write or destroy in words, and what changed since the last review", async () => {
    const entity = agentEntity();
    const record = {
      ...recordFor(entity, { reviewedAt: '2026-12-01T00:00:00.000Z' }),
      tools: [
        {
          server: 'api:default/github-mcp',
          listedAt: '2026-12-06T10:00:00.000Z',
          error: 'it answered HTTP 500',
          tools,
        },
      ],
    };
    await renderWithAgentRiskApi(
      <AgentTools entity={entity} record={record as any} />,
      {
        entity,
      },
    );
    const table = await screen.findByRole('table', {
      name: 'Tools of github-mcp',
    });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('delete_repo');
    expect(rows[1]).toHaveTextContent('May destroy');
    expect(rows[1]).toHaveTextContent(/Changed/);
    expect(rows[2]).toHaveTextContent('Read-only');
    expect(rows[2]).toHaveTextContent('Unchanged');
    expect(rows[3]).toHaveTextContent('May write');
    expect(rows[3]).toHaveTextContent(/New/);
    // The server's text is shown as text, never as markup.
    expect(
      within(rows[1]).getByText(/<img src=x onerror=alert\(1\)>/),
    ).toBeInTheDocument();
    expect(table.querySelector('img')).toBeNull();
    expect(
      screen.getByText('3 tools; 2 may write, 1 may destroy'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/The last listing did not work: it answered HTTP 500/),
    ).toBeInTheDocument();
  });

  it("shows an MCP server's tools and the agents that use it on its API page", async () => {
    server.use(
      http.get(`${BACKEND_URL}/mcp-servers/default/github-mcp/tools`, () =>
        HttpResponse.json({
          listedAt: '2026-12-06T10:00:00.000Z',
          error: null,
          tools,
        }),
      ),
    );
    await renderWithAgentRiskApi(<EntityMcpToolsCard />, { entity: githubMcp });
    const table = await screen.findByRole('table', { name: 'MCP tools' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(screen.getByText('Agents that use it')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /support-bot/ }),
    ).toBeInTheDocument();
  });

  it('shows the tools the YAML definition of a server never listed names, and says so', async () => {
    const notAllowed =
      'Not contacted: its host mcp.example.com is not in agentRisk.fetch.allow';
    const defined = [
      tool({
        name: 'push_files',
        description: null,
        annotations: {},
        firstSeenAt: '',
        mayWrite: true,
      }),
      tool({
        name: 'delete_repository',
        description: null,
        annotations: { destructiveHint: true },
        firstSeenAt: '',
        mayWrite: true,
        mayDestroy: true,
      }),
    ];
    server.use(
      http.get(`${BACKEND_URL}/mcp-servers/default/github-mcp/tools`, () =>
        HttpResponse.json({
          listedAt: null,
          error: notAllowed,
          tools: defined,
        }),
      ),
    );
    await renderWithAgentRiskApi(<EntityMcpToolsCard />, { entity: githubMcp });
    const table = await screen.findByRole('table', { name: 'MCP tools' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('push_files');
    expect(rows[1]).toHaveTextContent('May write');
    expect(rows[2]).toHaveTextContent('May destroy');
    expect(
      screen.getByText(
        `Tools as its YAML definition names them; the server was not listed: ${notAllowed}`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('2 tools; 2 may write, 1 may destroy'),
    ).toBeInTheDocument();
  });

  it("shows on the Risk tab the defined tools of an agent's server never listed, without changes since the review", async () => {
    const entity = agentEntity();
    const record = {
      ...recordFor(entity, { reviewedAt: '2026-12-01T00:00:00.000Z' }),
      tools: [
        {
          server: 'api:default/github-mcp',
          listedAt: null,
          error: null,
          tools: [
            tool({
              name: 'push_files',
              description: null,
              annotations: {},
              firstSeenAt: '',
              mayWrite: true,
            }),
          ],
        },
      ],
    };
    await renderWithAgentRiskApi(
      <AgentTools entity={entity} record={record as any} />,
      { entity },
    );
    const table = await screen.findByRole('table', {
      name: 'Tools of github-mcp',
    });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('push_files');
    expect(rows[1]).toHaveTextContent('May write');
    // A definition has no history: no "since the last review" column.
    expect(
      within(table).queryByRole('columnheader', {
        name: 'Since the last review',
      }),
    ).toBeNull();
    expect(
      screen.getByText(
        'Tools as its YAML definition names them; the server was not listed.',
      ),
    ).toBeInTheDocument();
  });

  it('names the agents whose own dependsOn says they use the server, when the reverse relation is not there yet, once each', async () => {
    server.use(
      http.get(`${BACKEND_URL}/mcp-servers/default/github-mcp/tools`, () =>
        HttpResponse.json({ listedAt: null, error: null, tools: [] }),
      ),
    );
    const dependent = (kind: string, name: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: { name, namespace: 'default' },
      spec: { type: 'ai-agent' },
      relations: [{ type: 'dependsOn', targetRef: 'api:default/github-mcp' }],
    });
    await renderWithAgentRiskApi(<EntityMcpToolsCard />, {
      entity: githubMcp,
      catalogEntities: [
        githubMcp,
        // Also in the server's reverse relations: named once.
        dependent('AiResource', 'support-bot'),
        // Only its own forward relation says so.
        dependent('Component', 'support-chatbot'),
      ],
    });
    expect(
      await screen.findByRole('link', { name: /support-chatbot/ }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: /support-bot/ })).toHaveLength(
      1,
    );
  });

  it('says when the entity is not an MCP server the backend knows', async () => {
    server.use(
      http.get(`${BACKEND_URL}/mcp-servers/default/github-mcp/tools`, () =>
        backstageError(404, 'NotFoundError', 'No MCP server'),
      ),
    );
    await renderWithAgentRiskApi(<EntityMcpToolsCard />, { entity: githubMcp });
    expect(
      await screen.findByText(
        'This entity is not an MCP server known to Agent Risk.',
      ),
    ).toBeInTheDocument();
  });

  it('lists the servers of the inventory with their outcome in words, and an empty state', async () => {
    const body: McpServersDiscoveryResponse = {
      lastRun: {
        startedAt: '2026-12-06T10:00:00.000Z',
        finishedAt: '2026-12-06T10:00:05.000Z',
        servers: 2,
        failed: 1,
      },
      servers: [
        {
          server: 'api:default/github-mcp',
          endpoint: 'http://127.0.0.1:7011/mcp',
          outcome: 'listed',
          outcomeAt: '2026-12-06T10:00:00.000Z',
          error: null,
          toolCount: 3,
          listedAt: '2026-12-06T10:00:00.000Z',
        },
        {
          server: 'api:default/far-mcp',
          endpoint: 'https://mcp.elsewhere.example/mcp',
          outcome: 'not-allowed',
          outcomeAt: '2026-12-06T10:00:00.000Z',
          error:
            'Not contacted: its host mcp.elsewhere.example is not in agentRisk.fetch.allow',
          toolCount: 0,
          listedAt: null,
        },
      ],
    };
    server.use(
      http.get(`${BACKEND_URL}/discovery/mcp-servers`, () =>
        HttpResponse.json(body),
      ),
    );
    await renderWithAgentRiskApi(<McpServersSection />);
    const table = await screen.findByRole('table', { name: 'MCP servers' });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('github-mcp');
    expect(rows[1]).toHaveTextContent('Listed');
    expect(rows[2]).toHaveTextContent('Not allowed');
    expect(rows[2]).toHaveTextContent(/is not in agentRisk.fetch.allow/);
    expect(
      screen.getByText(/2 servers, 1 failed or not allowed/),
    ).toBeInTheDocument();
  });

  it('says when the inventory has not run', async () => {
    server.use(
      http.get(`${BACKEND_URL}/discovery/mcp-servers`, () =>
        HttpResponse.json({ lastRun: null, servers: [] }),
      ),
    );
    await renderWithAgentRiskApi(<McpServersSection />);
    expect(
      await screen.findByText('The inventory has not run yet.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/No MCP server has been looked at yet/),
    ).toBeInTheDocument();
  });
});
