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
  const asked: string[] = [];
  const permissions = mockServices.permissions.mock({
    authorize: async () => {
      asked.push('agent-risk.read');
      return [{ result: await readDecision() }];
    },
    authorizeConditional: async () => {
      asked.push('catalog.entity.read');
      return [ownerCondition] as any;
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
  return { access, queryEntities, asked };
}

describe('AgentRiskAccess.requireRead', () => {
  it('asks for both decisions at once, so a read waits for one permission round trip', async () => {
    let allowRead: (result: ReadResult) => void = () => {};
    const { access, asked } = setup(
      () => new Promise(resolve => (allowRead = resolve)),
    );
    const visibility = access.requireRead(mockCredentials.user());
    await new Promise(resolve => setImmediate(resolve));
    // agent-risk.read has not answered yet, and the catalog was asked too.
    expect(asked.sort()).toEqual(['agent-risk.read', 'catalog.entity.read']);
    allowRead(AuthorizeResult.ALLOW);
    await expect(visibility).resolves.toEqual({
      type: 'some',
      refs: ['airesource:default/a'],
      fingerprint: expect.any(String),
    });
  });

  it('reads nothing from the catalog for a caller without agent-risk.read', async () => {
    const { access, queryEntities } = setup(async () => AuthorizeResult.DENY);
    await expect(access.requireRead(mockCredentials.user())).rejects.toThrow(
      'Missing permission agent-risk.read',
    );
    expect(queryEntities).not.toHaveBeenCalled();
  });
});
