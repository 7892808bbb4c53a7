import { http, HttpResponse } from 'msw';
import { mockApis } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { AgentRiskClient, toAgentListSearchParams } from './AgentRiskClient';
import { AgentRefreshResult } from '@agent-risk/plugin-agent-risk-common';
import { BACKEND_URL, setupAgentRiskServer } from '../__testUtils__/TestApp';
import { agentEntity, recordFor } from '../__testUtils__/fixtures';

describe('AgentRiskClient', () => {
  const server = setupAgentRiskServer();
  const client = new AgentRiskClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: { fetch: (input, init) => globalThis.fetch(input, init) },
  });

  it('sends each filter value as a repeated parameter', () => {
    const params = toAgentListSearchParams({
      owner: ['group:default/a', 'group:default/b'],
      severity: ['critical', 'high'],
      q: '  bot ',
      orderBy: 'name',
      order: 'asc',
      limit: 25,
      cursor: 'abc',
    });
    expect(params.getAll('owner')).toEqual([
      'group:default/a',
      'group:default/b',
    ]);
    expect(params.getAll('severity')).toEqual(['critical', 'high']);
    expect(params.get('q')).toBe('bot');
    expect(params.get('orderBy')).toBe('name');
    expect(params.get('cursor')).toBe('abc');
    expect(params.has('status')).toBe(false);
  });

  it('lower-cases the entity ref in the record path', async () => {
    let path = '';
    server.use(
      http.get(
        `${BACKEND_URL}/agents/:kind/:namespace/:name`,
        ({ request }) => {
          path = new URL(request.url).pathname;
          return HttpResponse.json({ entityRef: 'x' });
        },
      ),
    );
    await client.getAgent({
      kind: 'AiResource',
      namespace: 'Default',
      name: 'Support-Bot',
    });
    expect(path).toBe('/api/agent-risk/agents/airesource/default/support-bot');
  });

  it('turns a Backstage error body into a ResponseError with its status', async () => {
    server.use(
      http.get(`${BACKEND_URL}/summary`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'nope' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    const error = await client.getSummary().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
  });

  it('exports CSV with the filters but without paging', async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${BACKEND_URL}/agents.csv`, ({ request }) => {
        url = new URL(request.url);
        return new HttpResponse('entityRef,score\n', {
          headers: { 'Content-Type': 'text/csv' },
        });
      }),
    );
    const blob = await client.exportCsv({
      owner: ['group:default/a'],
      limit: 50,
      cursor: 'c',
    });
    expect(await blob.text()).toBe('entityRef,score\n');
    expect(url?.searchParams.getAll('owner')).toEqual(['group:default/a']);
    expect(url?.searchParams.has('cursor')).toBe(false);
    expect(url?.searchParams.has('limit')).toBe(false);
  });

  it('refreshes an agent with a POST and returns the refresh result as sent', async () => {
    const entity = agentEntity();
    const result: AgentRefreshResult = {
      agent: recordFor(entity),
      refreshedAt: '2026-03-02T09:00:00.000Z',
      catalogUpdated: true,
      scoreChanged: true,
      previous: { status: 'incomplete', score: null, severity: null },
    };
    let method = '';
    let path = '';
    server.use(
      http.all(
        `${BACKEND_URL}/agents/:kind/:namespace/:name/refresh`,
        ({ request }) => {
          method = request.method;
          path = new URL(request.url).pathname;
          return HttpResponse.json(result);
        },
      ),
    );
    await expect(
      client.refreshAgent({
        kind: 'AiResource',
        namespace: 'default',
        name: 'Support-Bot',
      }),
    ).resolves.toEqual(result);
    expect(method).toBe('POST');
    expect(path).toBe(
      '/api/agent-risk/agents/airesource/default/support-bot/refresh',
    );
  });

  it('posts the entity and model to /score', async () => {
    let body: unknown;
    server.use(
      http.post(`${BACKEND_URL}/score`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ status: 'scored' });
      }),
    );
    const entity = {
      apiVersion: 'v1',
      kind: 'Component',
      metadata: { name: 'x' },
    };
    await client.score(entity, 'aivss-0.5');
    expect(body).toEqual({ entity, model: 'aivss-0.5' });
  });
});
