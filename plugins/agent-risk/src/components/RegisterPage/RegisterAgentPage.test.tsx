import { http, HttpResponse } from 'msw';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import {
  AGENTIC_THREATS,
  cvss4BaseScore,
  REGISTRY_LIMITS,
  scoreAnnotations,
  SEVERITY_LABELS,
} from '@agent-risk/plugin-agent-risk-common';
import { importAgentDocument } from '@agent-risk/plugin-agent-risk-common/import';
import { agentRiskApiRef, AgentRiskClient } from '../../api';
import { rootRouteRef } from '../../routes';
import { BACKEND_URL, setupAgentRiskServer } from '../../__testUtils__/TestApp';
import { RegisterAgentPage } from './RegisterAgentPage';
import { CODEGEN_THREAT_MODEL } from '../../__testUtils__/documents';

// Each test types a whole form: slow on a shared machine.
jest.setTimeout(120_000);

// A threat-model document in the shape of examples/threat-models (shortened).
const codegen = CODEGEN_THREAT_MODEL;

// An A2A agent card in the shape of examples/threat-models (shortened).
const agentCard = JSON.stringify({
  protocolVersion: '0.3.0',
  name: 'Invoice Triage Agent',
  description: 'Reads supplier invoices and files exceptions as tickets.',
  url: 'https://agents.example.com/invoice-triage/a2a',
  version: '2.3.0',
  capabilities: { streaming: true },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [
    {
      id: 'match-invoice',
      name: 'Match invoice',
      description: 'Matches invoice lines to purchase orders.',
      tags: ['finance'],
    },
  ],
});

const entity = (
  kind: string,
  name: string,
  title?: string,
  spec: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
  spec,
});

const catalog = [
  entity('Group', 'ai-platform', 'AI Platform', { type: 'team' }),
  entity('User', 'guest', 'Guest User'),
  entity('System', 'helpdesk', 'Help Desk'),
  entity('API', 'github-mcp', 'GitHub MCP', { type: 'mcp-server' }),
  entity('API', 'jira-mcp', undefined, { type: 'mcp-server' }),
  entity('API', 'billing-rest', 'Billing REST', { type: 'openapi' }),
];

describe('RegisterAgentPage', () => {
  const server = setupAgentRiskServer();

  async function renderPage() {
    const catalogApi = catalogApiMock({ entities: catalog });
    const getEntities = jest.spyOn(catalogApi, 'getEntities');
    const client = new AgentRiskClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
      fetchApi: { fetch: (input, init) => globalThis.fetch(input, init) },
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [agentRiskApiRef, client],
          [catalogApiRef, catalogApi],
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
          ],
        ]}
      >
        <RegisterAgentPage />
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
          '/agent-risk': rootRouteRef,
        },
      },
    );
    return { getEntities };
  }

  /** Opens a picker and chooses the option with this text. */
  async function pick(label: RegExp, option: RegExp | string) {
    const input = screen.getByLabelText(label);
    await userEvent.click(input);
    await userEvent.click(
      await within(screen.getByRole('listbox')).findByText(option),
    );
  }

  it('prefills from a threat-model document, shows the common core’s live score, and registers with the reason', async () => {
    const posted: any[] = [];
    server.use(
      http.post(`${BACKEND_URL}/registry/agents`, async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json(
          { entityRef: 'airesource:default/codegen' },
          { status: 201 },
        );
      }),
    );
    await renderPage();
    fireEvent.change(screen.getByLabelText(/Paste a threat-model document/), {
      target: { value: codegen },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Prefill' }));
    const imported = importAgentDocument(codegen);
    if (!imported.ok) throw new Error('example does not import');
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Prefilled from the threat-model.',
    );
    // The document carries no CVSS: the page asks for it by the field's label.
    expect(
      screen.getByTestId('agent-risk-register-problems'),
    ).toHaveTextContent('To fix first: Owner, CVSS 4.0 base score');
    expect(
      screen.getByTestId('agent-risk-register-problems'),
    ).not.toHaveTextContent('aivss.owasp.org');
    fireEvent.change(screen.getByLabelText(/CVSS 4.0 base score/), {
      target: { value: '7.5' },
    });
    const expected = scoreAnnotations({
      ...imported.entity.metadata.annotations,
      'aivss.owasp.org/cvss-base': '7.5',
    });
    expect(expected.status).toBe('scored');
    expect(screen.getByTestId('agent-risk-register-score')).toHaveTextContent(
      `${expected.score!.toFixed(1)} ${SEVERITY_LABELS[expected.severity!]}`,
    );

    // A bad factor shows the catalog's message at the field.
    const autonomy = screen.getByLabelText('Autonomy of action');
    fireEvent.change(autonomy, { target: { value: '2' } });
    expect(
      await screen.findByText(/must be a number from 0 to 1, got "2"/),
    ).toBeInTheDocument();
    fireEvent.change(autonomy, { target: { value: '0.5' } });

    // Owner (by its title) and reason, then submit.
    await pick(/^Owner/, 'AI Platform');
    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: 'Imported from its threat model' },
    });
    const submit = screen.getByRole('button', { name: 'Register agent' });
    expect(
      screen.queryByTestId('agent-risk-register-problems'),
    ).not.toBeInTheDocument();
    await waitFor(() => expect(submit).toBeEnabled());
    fireEvent.click(submit);
    await waitFor(() => expect(posted).toHaveLength(1));
    const [{ entity: sent, reason }] = posted;
    expect(reason).toBe('Imported from its threat model');
    expect(sent.spec.owner).toBe('group:default/ai-platform');
    expect(
      sent.metadata.annotations['aivss.owasp.org/autonomy-of-action'],
    ).toBe('0.5');
  });

  it('prefills from a threat-model page copied with its navigation and cut off after a layer’s uncertainty marker', async () => {
    await renderPage();
    // The page as a browser copies it: "← NAME" first, cut off in L2.
    const copied = `AgentReadyHomeAgent Listing\n\n← Codegen\n\n${codegen}\nNot certain from the listing — `;
    fireEvent.change(screen.getByLabelText(/Paste a threat-model document/), {
      target: { value: copied },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Prefill' }));
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent('Prefilled from the threat-model.');
    expect(status).toHaveTextContent(
      'no paragraph for L3, L4, L5, L6, L7 (truncated?); imported L1, L2',
    );
    expect(screen.getByLabelText(/^Name/)).toHaveValue('codegen');
    expect(screen.getByLabelText('L1 Foundation Models')).toHaveValue(
      'Uses a hosted code model; prompt injection can plant backdoors.',
    );
    expect(screen.getByLabelText('L2 Data Operations')).toHaveValue(
      'Not certain from the listing —',
    );
    expect(document.getElementById('register-l2-confidence')).toHaveTextContent(
      'uncertain',
    );
    expect(screen.getByLabelText('L3 Agent Frameworks')).toHaveValue('');
  });

  it('offers owners, systems and MCP-server tools from the catalog by title, asks only for the fields it shows, and stores entity refs', async () => {
    const posted: any[] = [];
    server.use(
      http.post(`${BACKEND_URL}/registry/agents`, async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json(
          { entityRef: 'airesource:default/helper' },
          { status: 201 },
        );
      }),
    );
    const { getEntities } = await renderPage();
    await waitFor(() => expect(getEntities).toHaveBeenCalledTimes(3));
    for (const [request] of getEntities.mock.calls) {
      expect(request?.fields).toEqual([
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
      ]);
    }

    await userEvent.click(screen.getByLabelText(/^Owner/));
    const owners = within(screen.getByRole('listbox'));
    expect(await owners.findByText('AI Platform')).toBeInTheDocument();
    expect(owners.getByText('Guest User')).toBeInTheDocument();
    expect(owners.getByText('user:default/guest')).toBeInTheDocument();
    expect(owners.queryByText('Help Desk')).not.toBeInTheDocument();
    await userEvent.click(owners.getByText('Guest User'));
    expect(screen.getByLabelText(/^Owner/)).toHaveValue('Guest User');

    await pick(/^System/, 'Help Desk');

    // Tools: MCP servers only; an untitled one shows its name.
    await userEvent.click(screen.getByLabelText(/^Tools/));
    const tools = within(screen.getByRole('listbox'));
    expect(await tools.findByText('GitHub MCP')).toBeInTheDocument();
    expect(tools.getByText('jira-mcp')).toBeInTheDocument();
    expect(tools.queryByText('Billing REST')).not.toBeInTheDocument();
    await userEvent.click(tools.getByText('GitHub MCP'));
    await pick(/^Tools/, 'jira-mcp');

    fireEvent.change(screen.getByLabelText(/^Name/), {
      target: { value: 'helper' },
    });
    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: 'Not assessed yet' },
    });
    const submit = screen.getByRole('button', { name: 'Register agent' });
    await waitFor(() => expect(submit).toBeEnabled());
    fireEvent.click(submit);
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0].entity.spec).toEqual({
      type: 'agent',
      owner: 'user:default/guest',
      lifecycle: 'experimental',
      system: 'system:default/helpdesk',
      dependsOn: ['api:default/github-mcp', 'api:default/jira-mcp'],
    });
  });

  it('picks threat ids per MAESTRO layer from the ids the common core knows, and stores them as the layer’s annotation', async () => {
    const posted: any[] = [];
    server.use(
      http.post(`${BACKEND_URL}/registry/agents`, async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json(
          { entityRef: 'airesource:default/helper' },
          { status: 201 },
        );
      }),
    );
    await renderPage();
    const l1 = /^Threat ids \(L1 Foundation Models\)/;
    await userEvent.click(screen.getByLabelText(l1));
    const options = within(screen.getByRole('listbox'));
    expect(options.getAllByRole('option')).toHaveLength(
      Object.keys(AGENTIC_THREATS).length,
    );
    await userEvent.click(options.getByText('ASI01 Agent Goal Hijack'));
    await pick(l1, 'T6 Intent Breaking and Goal Manipulation');
    // The chips show the ids alone.
    expect(screen.getByRole('button', { name: /^ASI01/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^T6/ })).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText(/^Name/), {
      target: { value: 'helper' },
    });
    await pick(/^Owner/, 'AI Platform');
    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: 'Threats first' },
    });
    const submit = screen.getByRole('button', { name: 'Register agent' });
    await waitFor(() => expect(submit).toBeEnabled());
    fireEvent.click(submit);
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(
      posted[0].entity.metadata.annotations[
        'maestro.cloudsecurityalliance.org/l1-threats'
      ],
    ).toBe('ASI01, T6');
  });

  it('builds a CVSS 4.0 vector metric by metric, and the live score follows the vector the common core parses', async () => {
    await renderPage();
    // Every factor at 0.5, no CVSS yet: incomplete.
    fireEvent.change(screen.getByLabelText(/Paste a threat-model document/), {
      target: { value: codegen },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Prefill' }));
    // The prefill lands after the catalog says whether the name is free.
    await waitFor(() =>
      expect(screen.getByTestId('agent-risk-register-score')).toHaveTextContent(
        'Incomplete',
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Build the vector' }));
    const builder = within(screen.getByRole('group', { name: /base metrics/ }));
    const choose = async (metric: RegExp, value: string) => {
      await userEvent.click(builder.getByLabelText(metric));
      await userEvent.click(
        within(screen.getByRole('listbox')).getByText(value),
      );
    };
    const vectorField = screen.getByLabelText(/CVSS 4.0 vector/);
    await choose(/Attack vector/, 'Network (N)');
    expect(vectorField).toHaveValue('CVSS:4.0/AV:N');
    // Half built: the field says what is missing, in the core's words.
    expect(
      screen.getByText(/lacks the base metric\(s\) AC, AT, PR/),
    ).toBeInTheDocument();
    for (const [metric, value] of [
      [/Attack complexity/, 'Low (L)'],
      [/Attack requirements/, 'None (N)'],
      [/Privileges required/, 'None (N)'],
      [/User interaction/, 'None (N)'],
      [/Confidentiality \(vulnerable/, 'High (H)'],
      [/Integrity \(vulnerable/, 'High (H)'],
      [/Availability \(vulnerable/, 'High (H)'],
      [/Confidentiality \(subsequent/, 'None (N)'],
      [/Integrity \(subsequent/, 'None (N)'],
    ] as const) {
      await choose(metric, value);
    }
    // One metric short: the vector is malformed, so the agent is invalid.
    expect(screen.getByTestId('agent-risk-register-score')).toHaveTextContent(
      'Invalid',
    );
    await choose(/Availability \(subsequent/, 'None (N)');
    const vector =
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
    expect(vectorField).toHaveValue(vector);
    const base = cvss4BaseScore(vector);
    expect(base).toEqual({ ok: true, baseScore: 9.3 });
    expect(
      screen.getByTestId('agent-risk-register-vector-score'),
    ).toHaveTextContent('9.3');
    const imported = importAgentDocument(codegen);
    const expected = scoreAnnotations({
      ...(imported.ok ? imported.entity.metadata.annotations : {}),
      'aivss.owasp.org/cvss-vector': vector,
    });
    expect(expected.status).toBe('scored');
    expect(screen.getByTestId('agent-risk-register-score')).toHaveTextContent(
      `${expected.score!.toFixed(1)} ${SEVERITY_LABELS[expected.severity!]}`,
    );

    // A pasted vector sets the selects; changing one rewrites the string.
    fireEvent.change(vectorField, {
      target: {
        value:
          'CVSS:4.0/AV:L/AC:H/AT:P/PR:H/UI:A/VC:L/VI:L/VA:L/SC:L/SI:L/SA:L',
      },
    });
    expect(builder.getByLabelText(/Attack vector/)).toHaveTextContent(
      'Local (L)',
    );
    await choose(/Attack vector/, 'Physical (P)');
    expect(vectorField).toHaveValue(
      'CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:L/VA:L/SC:L/SI:L/SA:L',
    );
  });

  it('prefills from an agent card the backend reads at a URL', async () => {
    const asked: unknown[] = [];
    server.use(
      http.post(`${BACKEND_URL}/import/fetch`, async ({ request }) => {
        asked.push(await request.json());
        return HttpResponse.json({
          text: agentCard,
          contentType: 'application/json',
        });
      }),
    );
    await renderPage();
    const imported = importAgentDocument(agentCard);
    if (!imported.ok) throw new Error('example card does not import');
    fireEvent.change(screen.getByLabelText(/URL of an A2A agent card/), {
      target: { value: ' https://agents.example.com/.well-known/agent.json ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Fetch and prefill' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Prefilled from the agent-card.',
    );
    expect(asked).toEqual([
      { url: 'https://agents.example.com/.well-known/agent.json' },
    ]);
    expect(screen.getByLabelText(/^Name/)).toHaveValue(
      imported.entity.metadata.name,
    );
    expect(screen.getByLabelText(/^Title/)).toHaveValue(
      imported.entity.metadata.title,
    );
    expect(screen.getByLabelText(/Paste a threat-model document/)).toHaveValue(
      agentCard,
    );
  });

  it('shows the backend’s refusal of a URL', async () => {
    server.use(
      http.post(`${BACKEND_URL}/import/fetch`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'InputError',
              message:
                'Invalid request body field "url": its host 169.254.169.254 is not in agentRisk.fetch.allow',
            },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    await renderPage();
    fireEvent.change(screen.getByLabelText(/URL of an A2A agent card/), {
      target: { value: 'http://169.254.169.254/latest/meta-data' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Fetch and prefill' }));
    // What to ask the admin, not the server's sentence.
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The backend may not read from 169.254.169.254. Ask your Backstage admins to add it to agentRisk.fetch.allow in the app-config, or paste the document instead.',
    );
    expect(screen.getByLabelText(/^Name/)).toHaveValue('');
  });

  it('shows the registry’s length bounds at the field, and does not submit over them', async () => {
    await renderPage();
    const title = screen.getByLabelText(/^Title/);
    const description = screen.getByLabelText(/^Description/);
    // Typing stops at the bound; a paste or prefill over it is named.
    expect(title).toHaveAttribute('maxLength', String(REGISTRY_LIMITS.title));
    expect(description).toHaveAttribute(
      'maxLength',
      String(REGISTRY_LIMITS.description),
    );
    fireEvent.change(title, { target: { value: 'T'.repeat(5000) } });
    fireEvent.change(description, { target: { value: 'D'.repeat(18000) } });
    expect(
      screen.getByText(`must be at most ${REGISTRY_LIMITS.title} characters`),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        `must be at most ${REGISTRY_LIMITS.description} characters`,
      ),
    ).toBeInTheDocument();
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(description).toHaveAttribute('aria-invalid', 'true');
    expect(
      screen.getByTestId('agent-risk-register-problems'),
    ).toHaveTextContent(/Title, Description/);
    // A click with problems sends nothing: it shows every problem at its field.
    expect(screen.queryByText(/is required: pick one/)).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: /Register/ }));
    expect(
      await screen.findByText('is required: pick one from the catalog'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/^Name/)).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(
      screen.getByText('Say why, for the audit trail'),
    ).toBeInTheDocument();
  });

  it('names the problems of the tags and links a prefill brought', async () => {
    await renderPage();
    // A card with more skills than the registry keeps tags for.
    const card = JSON.parse(agentCard);
    card.skills = Array.from({ length: REGISTRY_LIMITS.tags + 1 }, (_, i) => ({
      id: `skill-${i}`,
      name: `Skill ${i}`,
      description: `Does thing ${i}.`,
      tags: [],
    }));
    fireEvent.change(screen.getByLabelText(/Paste a threat-model document/), {
      target: { value: JSON.stringify(card) },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Prefill' }));
    expect(
      await screen.findByText(
        `Tags: must have at most ${REGISTRY_LIMITS.tags} items`,
      ),
    ).toBeInTheDocument();
  });
});
