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
import {
  SSVC_ANNOTATIONS,
  SSVC_FACTORS,
  ssvcDueAt,
} from '@agent-risk/plugin-agent-risk-common';
import { agentRiskApiRef, AgentRiskClient } from '../../api';
import { rootRouteRef } from '../../routes';
import { BACKEND_URL, setupAgentRiskServer } from '../../__testUtils__/TestApp';
import { formatDueDate } from '../Ssvc';
import { RegisterAgentPage } from './RegisterAgentPage';
import { CODEGEN_THREAT_MODEL } from '../../__testUtils__/documents';

// OWASP's calculator's default worked example.
const WORKED_EXAMPLE = {
  threat: 'poc',
  vulnerability: 'moderate',
  impact: 'critical',
  factors: [4, 4, 4, 4, 3, 3, 3, 2, 3, 2],
};

const catalog = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'ai-platform',
      namespace: 'default',
      title: 'AI Platform',
    },
    spec: { type: 'team' },
  },
];

// The whole form re-renders on each of the thirteen selects: slow on a busy machine.
jest.setTimeout(180_000);

describe('RegisterAgentPage: the AIVSS-SSVC decision', () => {
  const server = setupAgentRiskServer();

  async function renderPage() {
    const client = new AgentRiskClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
      fetchApi: { fetch: (input, init) => globalThis.fetch(input, init) },
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [agentRiskApiRef, client],
          [catalogApiRef, catalogApiMock({ entities: catalog })],
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
  }

  const select = (label: string | RegExp, value: string) =>
    fireEvent.change(screen.getByLabelText(label), { target: { value } });

  function rateWorkedExample() {
    select(/^Threat:/, WORKED_EXAMPLE.threat);
    select(/^Vulnerability posture:/, WORKED_EXAMPLE.vulnerability);
    select(/^Impact:/, WORKED_EXAMPLE.impact);
    SSVC_FACTORS.forEach((factor, i) =>
      select(factor.title, String(WORKED_EXAMPLE.factors[i])),
    );
  }

  async function fillAgent(name: string) {
    fireEvent.change(screen.getByLabelText(/^Name/), {
      target: { value: name },
    });
    await userEvent.click(screen.getByLabelText(/^Owner/));
    await userEvent.click(
      await within(screen.getByRole('listbox')).findByText('AI Platform'),
    );
    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: 'New agent' },
    });
  }

  function captureRegistration() {
    const posted: any[] = [];
    server.use(
      http.post(`${BACKEND_URL}/registry/agents`, async ({ request }) => {
        posted.push(await request.json());
        // Refused, so the page stays (no wait for the catalog).
        return HttpResponse.json(
          { error: { name: 'ConflictError', message: 'stop here' } },
          { status: 409 },
        );
      }),
    );
    return posted;
  }

  it('computes OWASP’s worked example live: Prime Mover, risk 20, Immediate, due in 7 days; says what is missing until then', async () => {
    await renderPage();
    const result = screen.getByRole('region', { name: 'Live SSVC decision' });
    expect(result).toHaveTextContent('Not assessed (optional)');

    select(/^Threat:/, 'poc');
    // One input given: the rest are named, in words.
    expect(result).toHaveTextContent(
      'Still needed: Vulnerability posture: how well is it defended?, Impact: how bad if it goes wrong?, Execution Autonomy,',
    );
    expect(result).not.toHaveTextContent('Immediate');

    rateWorkedExample();
    expect(result).not.toHaveTextContent('Still needed');
    expect(result).toHaveTextContent('Prime Mover');
    expect(result).toHaveTextContent('Exposure× 8');
    expect(result).toHaveTextContent('Likelihood0.25');
    expect(result).toHaveTextContent('Risk score20');
    expect(result).toHaveTextContent('A 4 · B 3 · C 2.33');
    expect(result).toHaveTextContent('Immediate: Act within 7 days');
    const due = formatDueDate(ssvcDueAt(new Date(), 'Immediate'));
    expect(result).toHaveTextContent(`Due ${due} if saved today`);
    expect(
      within(result).getByText('Immediate').closest('[data-ssvc-outcome]'),
    ).toHaveAttribute('data-ssvc-outcome', 'Immediate');

    // One rating lower in category A: no category reaches 4 any more.
    select('Execution Autonomy', '3');
    expect(result).toHaveTextContent('Specialist');
    expect(result).toHaveTextContent('Out-of-cycle: Act within 30 days');
  });

  it('saves exactly the SSVC annotations set, and the AIVSS score says it is not assessed', async () => {
    const posted = captureRegistration();
    await renderPage();
    await fillAgent('ssvc-only');
    rateWorkedExample();
    expect(screen.getByTestId('agent-risk-register-score')).toHaveTextContent(
      'Not assessed',
    );
    const submit = screen.getByRole('button', { name: 'Register agent' });
    await waitFor(() => expect(submit).toBeEnabled());
    fireEvent.click(submit);
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0].entity.metadata.annotations).toEqual({
      [SSVC_ANNOTATIONS.threat]: 'poc',
      [SSVC_ANNOTATIONS.vulnerability]: 'moderate',
      [SSVC_ANNOTATIONS.impact]: 'critical',
      ...Object.fromEntries(
        SSVC_FACTORS.map((f, i) => [
          f.annotation,
          String(WORKED_EXAMPLE.factors[i]),
        ]),
      ),
    });
  });

  it('writes no SSVC annotation when the section is left empty, and a partly filled one blocks the save', async () => {
    const posted = captureRegistration();
    await renderPage();
    await fillAgent('plain');
    select('Tool Authority Level', '2');
    const submit = screen.getByRole('button', { name: 'Register agent' });
    // A click shows what is missing and sends nothing.
    fireEvent.click(submit);
    expect(
      screen.getByTestId('agent-risk-register-problems'),
    ).toHaveTextContent(/threat/i);
    expect(posted).toHaveLength(0);
    // Back to "Not set": the section is empty again.
    select('Tool Authority Level', '');
    fireEvent.click(submit);
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0].entity.metadata.annotations).toEqual({});
  });

  it('a prefill from a document leaves the SSVC inputs as the person set them', async () => {
    await renderPage();
    select(/^Threat:/, 'active');
    select('Deceptiveness Potential', '5');
    fireEvent.change(screen.getByLabelText(/Paste a threat-model document/), {
      target: {
        value: CODEGEN_THREAT_MODEL,
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Prefill' }));
    await screen.findByText(/Prefilled from the/);
    // The document's factors arrived; the SSVC inputs are as they were.
    expect(screen.getByLabelText('Autonomy of action')).toHaveValue('0.80');
    expect(screen.getByLabelText(/^Threat:/)).toHaveValue('active');
    expect(screen.getByLabelText('Deceptiveness Potential')).toHaveValue('5');
    expect(screen.getByLabelText(/^Impact:/)).toHaveValue('');
  });

  it('labels every SSVC control and shows each factor’s rubric', async () => {
    await renderPage();
    for (const factor of SSVC_FACTORS) {
      const control = screen.getByLabelText(factor.title);
      expect(control.tagName).toBe('SELECT');
      expect(
        within(control as HTMLElement).getAllByRole('option'),
      ).toHaveLength(6);
    }
    expect(
      screen.getByRole('option', {
        name: '1: A person approves each action before it runs.',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('group', { name: 'A. Execution power' }),
    ).toBeInTheDocument();
  });
});
