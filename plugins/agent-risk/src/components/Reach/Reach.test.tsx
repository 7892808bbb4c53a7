import { http, HttpResponse } from 'msw';
import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { AgentReach } from '@agent-risk/plugin-agent-risk-common';
import { agentEntity, recordFor } from '../../__testUtils__/fixtures';
import { backstageError } from '../../__testUtils__/errors';
import {
  BACKEND_URL,
  renderWithAgentRiskApi,
  setupAgentRiskServer,
} from '../../__testUtils__/TestApp';
import { ReachCard } from './ReachCard';
import { ReachedByCard } from './EntityReachedByCard';
import { ExposureCard } from './ExposureCard';

// jsdom lays nothing out; DependencyGraph measures its nodes.
beforeAll(() => {
  (SVGElement.prototype as any).getBBox = () => ({
    x: 0,
    y: 0,
    width: 120,
    height: 48,
  });
});

const GITHUB_MCP = 'api:default/github-mcp';
const SERVER = 'component:default/github-mcp-server';
const DEVTOOLS = 'system:default/devtools';
const HELPER = 'airesource:default/helper';

const reach: AgentReach = {
  entities: [
    {
      entityRef: HELPER,
      kind: 'airesource',
      type: 'agent',
      lifecycle: 'experimental',
      system: null,
      path: [HELPER],
    },
    {
      entityRef: GITHUB_MCP,
      kind: 'api',
      type: 'mcp-server',
      lifecycle: 'production',
      system: DEVTOOLS,
      path: [GITHUB_MCP],
    },
    {
      entityRef: SERVER,
      kind: 'component',
      type: 'service',
      lifecycle: 'production',
      system: DEVTOOLS,
      path: [GITHUB_MCP, SERVER],
    },
    {
      entityRef: DEVTOOLS,
      kind: 'system',
      type: null,
      lifecycle: null,
      system: null,
      path: [GITHUB_MCP, SERVER, DEVTOOLS],
    },
  ],
  bySystem: [
    { system: DEVTOOLS, entities: [GITHUB_MCP, SERVER, DEVTOOLS] },
    { system: null, entities: [HELPER] },
  ],
  production: [GITHUB_MCP, SERVER],
  agents: [HELPER],
  hidden: 2,
};

const apiEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'github-mcp', namespace: 'default' },
  spec: { type: 'mcp-server', lifecycle: 'production', owner: 'team-a' },
};

describe('ReachCard', () => {
  setupAgentRiskServer();

  it('draws the reach, then says it in words by system, production marked, hidden ones counted', async () => {
    const record = recordFor(agentEntity(), { reach });
    await renderWithAgentRiskApi(<ReachCard record={record} />);
    expect(screen.getByTestId('reach-summary')).toHaveTextContent(
      '4 entities reached: 2 in production; other agents reached: 1. And 2 entities you cannot see.',
    );
    const graph = screen.getByRole('figure', {
      name: `Graph of what ${record.title} can reach`,
    });
    // One node per entity and the agent, production ones marked in words.
    const nodes = graph.querySelectorAll('[data-production]');
    expect(nodes).toHaveLength(5);
    expect(graph.querySelectorAll('[data-production="true"]')).toHaveLength(2);
    expect(graph).toHaveTextContent('github-mcp-server');
    expect(graph).toHaveTextContent('component · production');
    expect(screen.getByText('In no system')).toBeInTheDocument();
    expect(
      screen.getByText('Path: github-mcp → github-mcp-server → devtools'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('production').length).toBeGreaterThanOrEqual(2);
  });

  /** An inventory tool as the detail carries it; mayWrite and mayDestroy follow MCP's hints. */
  const tool = (
    name: string,
    annotations: Record<string, boolean>,
    firstSeenAt = '2026-12-01T00:00:00.000Z',
  ) => ({
    name,
    title: null,
    description: null,
    annotations,
    firstSeenAt,
    changedAt: null,
    mayWrite: annotations.readOnlyHint !== true,
    mayDestroy: annotations.destructiveHint === true,
  });

  it('marks on each MCP server of the graph how many of its tools may write or destroy, and says it in words', async () => {
    const record = recordFor(agentEntity(), {
      reach,
      tools: [
        {
          server: GITHUB_MCP,
          listedAt: '2026-12-01T00:00:00.000Z',
          error: null,
          tools: [
            tool('push_files', {}),
            tool('delete_repository', { destructiveHint: true }),
            tool('search_code', { readOnlyHint: true }),
          ],
        },
      ],
    });
    await renderWithAgentRiskApi(<ReachCard record={record} />);
    const graph = screen.getByRole('figure', {
      name: `Graph of what ${record.title} can reach`,
    });
    const marked = graph.querySelectorAll('[data-tools]');
    expect(marked).toHaveLength(1);
    expect(marked[0]).toHaveAttribute('data-tools', 'destroy');
    expect(marked[0]).toHaveTextContent('github-mcp');
    expect(marked[0]).toHaveTextContent('2 tools may write · 1 may destroy');
    expect(
      screen.getByText('Path: github-mcp; 2 tools may write · 1 may destroy'),
    ).toBeInTheDocument();
  });

  it('marks an MCP server never listed by the tools its YAML definition names', async () => {
    // What the backend sends for a server whose host is not allowed: the
    // definition's tools have no listing time.
    const defined = (name: string, annotations: Record<string, boolean>) =>
      tool(name, annotations, '');
    const record = recordFor(agentEntity(), {
      reach,
      tools: [
        {
          server: GITHUB_MCP,
          listedAt: null,
          error:
            'Not contacted: its host mcp.example.com is not in agentRisk.fetch.allow',
          tools: [
            defined('push_files', {}),
            defined('delete_repository', { destructiveHint: true }),
          ],
        },
      ],
    });
    await renderWithAgentRiskApi(<ReachCard record={record} />);
    const graph = screen.getByRole('figure', {
      name: `Graph of what ${record.title} can reach`,
    });
    const marked = graph.querySelectorAll('[data-tools]');
    expect(marked).toHaveLength(1);
    expect(marked[0]).toHaveAttribute('data-tools', 'destroy');
    expect(marked[0]).toHaveTextContent('github-mcp');
    expect(marked[0]).toHaveTextContent('2 tools may write · 1 may destroy');
  });

  it('says when reach is not computed yet, when there is none, and when all of it is hidden', async () => {
    const { unmount } = await renderWithAgentRiskApi(
      <ReachCard record={recordFor(agentEntity(), { reach: null })} />,
    );
    expect(
      screen.getByText(
        'Not computed yet: the next sync works out what this agent can reach.',
      ),
    ).toBeInTheDocument();
    unmount();
    const none = {
      ...reach,
      entities: [],
      bySystem: [],
      production: [],
      agents: [],
    };
    const second = await renderWithAgentRiskApi(
      <ReachCard
        record={recordFor(agentEntity(), { reach: { ...none, hidden: 0 } })}
      />,
    );
    expect(
      screen.getByText(/reaches nothing in the catalog/),
    ).toBeInTheDocument();
    second.unmount();
    await renderWithAgentRiskApi(
      <ReachCard
        record={recordFor(agentEntity(), { reach: { ...none, hidden: 1 } })}
      />,
    );
    expect(
      screen.getByText('It reaches 1 entity you cannot see.'),
    ).toBeInTheDocument();
  });
});

describe('ReachedByCard', () => {
  const server = setupAgentRiskServer();

  it('names the riskiest agent first and lists each with its path', async () => {
    let asked: string | undefined;
    server.use(
      http.get(
        `${BACKEND_URL}/reached-by/:kind/:namespace/:name`,
        ({ request, params }) => {
          asked = `${params.kind}:${params.namespace}/${params.name}?${
            new URL(request.url).search
          }`;
          return HttpResponse.json({
            entityRef: GITHUB_MCP,
            totalCount: 13,
            hidden: 1,
            items: [
              {
                entityRef: 'airesource:default/codegen',
                title: 'Codegen',
                score: 9.2,
                severity: 'critical',
                status: 'scored',
                path: [GITHUB_MCP],
              },
              {
                entityRef: HELPER,
                title: 'Helper',
                score: null,
                severity: null,
                status: 'incomplete',
                path: ['airesource:default/codegen', GITHUB_MCP],
              },
            ],
          });
        },
      ),
    );
    await renderWithAgentRiskApi(<ReachedByCard />, { entity: apiEntity });
    expect(await screen.findByTestId('reached-by-headline')).toHaveTextContent(
      '13 agents can act on this; the riskiest is Codegen, 9.2 Critical.',
    );
    expect(asked).toBe('api:default/github-mcp??limit=10');
    const rows = within(
      screen.getByRole('table', { name: 'Agents that can act on this' }),
    ).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Codegen9.2 Criticalgithub-mcp');
    expect(rows[2]).toHaveTextContent(
      /^Helper.*Not scoredcodegen → github-mcp$/,
    );
    expect(
      screen.getByText(
        '1 more agent reaches this through an entity you cannot see.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('And 10 more agents.')).toBeInTheDocument();
  });

  it('says when no agent reaches the entity, and shows errors', async () => {
    server.use(
      http.get(`${BACKEND_URL}/reached-by/:kind/:namespace/:name`, () =>
        HttpResponse.json({
          entityRef: GITHUB_MCP,
          totalCount: 0,
          hidden: 0,
          items: [],
        }),
      ),
    );
    const { unmount } = await renderWithAgentRiskApi(<ReachedByCard />, {
      entity: apiEntity,
    });
    expect(
      await screen.findByText(
        'No agent can act on this through the catalog relations.',
      ),
    ).toBeInTheDocument();
    unmount();
    server.use(
      http.get(`${BACKEND_URL}/reached-by/:kind/:namespace/:name`, () =>
        backstageError(403, 'NotAllowedError', 'no'),
      ),
    );
    await renderWithAgentRiskApi(<ReachedByCard />, { entity: apiEntity });
    expect(
      await screen.findByText('You are not allowed to see risk data'),
    ).toBeInTheDocument();
  });
});

describe('ExposureCard', () => {
  setupAgentRiskServer();

  it('lists the systems with their Critical and High agents, each linking to its page', async () => {
    await renderWithAgentRiskApi(
      <ExposureCard
        exposure={[
          { system: DEVTOOLS, critical: 2, high: 1 },
          { system: 'system:default/payments', critical: 0, high: 3 },
        ]}
      />,
    );
    const rows = within(
      screen.getByRole('table', {
        name: 'Systems Critical and High agents can act on',
      }),
    ).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('devtools21');
    expect(rows[2]).toHaveTextContent('payments03');
    expect(within(rows[1]).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/system/devtools',
    );
  });

  it('says when no Critical or High agent reaches a system', async () => {
    await renderWithAgentRiskApi(<ExposureCard exposure={[]} />);
    expect(
      screen.getByText('No Critical or High agent reaches a system.'),
    ).toBeInTheDocument();
  });
});
