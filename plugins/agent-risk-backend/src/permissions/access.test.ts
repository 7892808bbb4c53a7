import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { DEFAULT_AGENT_SELECTORS } from '@agent-risk/plugin-agent-risk-common';
import { AgentRiskAccess } from './access';
import { AgentVisibilityResolver } from './visibility';

const agent: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'AiResource',
  metadata: { name: 'a', namespace: 'default' },
  spec: { type: 'agent', owner: 'group:default/team' },
};

const ownerCondition = {
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    rule: 'IS_ENTITY_OWNER',
    resourceType: 'catalog-entity',
    params: {},
  },
} as PolicyDecision;

type ReadResult = AuthorizeResult.ALLOW | AuthorizeResult.DENY;

function setup(readDecision: () => Promise<ReadResult>) {
  const catalog = catalogServiceMock({ entities: [agent] });
  const queryEntities = jest.spyOn(catalog, 'queryEntities');
  const requests: string[][] = [];
  const permissions = mockServices.permissions.mock({
    authorizeConditional: async queries => {
      requests.push(queries.map(q => q.permission.name));
      return Promise.all(
        queries.map(async q =>
          q.permission.name === 'agent-risk.read'
            ? { result: await readDecision() }
            : ownerCondition,
        ),
      ) as any;
    },
  });
  const access = new AgentRiskAccess(
    permissions,
    new AgentVisibilityResolver({
      permissions,
      catalog,
      agentSelectors: DEFAULT_AGENT_SELECTORS,
    }),
  );
  return { access, queryEntities, requests };
}

describe('AgentRiskAccess.requireRead', () => {
  it('asks for agent-risk.read and the catalog decision in one request to the permission backend', async () => {
    const { access, requests } = setup(async () => AuthorizeResult.ALLOW);
    await expect(access.requireRead(mockCredentials.user())).resolves.toEqual({
      type: 'some',
      refs: ['airesource:default/a'],
      fingerprint: expect.any(String),
    });
    expect(requests).toEqual([['agent-risk.read', 'catalog.entity.read']]);
  });

  it('reads nothing from the catalog for a caller without agent-risk.read', async () => {
    const { access, queryEntities } = setup(async () => AuthorizeResult.DENY);
    await expect(access.requireRead(mockCredentials.user())).rejects.toThrow(
      'Missing permission agent-risk.read',
    );
    expect(queryEntities).not.toHaveBeenCalled();
  });
});
