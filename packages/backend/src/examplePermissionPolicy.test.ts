import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  agentRiskReadPermission,
  agentRiskRefreshPermission,
} from '@agent-risk/plugin-agent-risk-common';
import { AgentRiskPermissionPolicy } from './examplePermissionPolicy';

const userIn = (...ownershipEntityRefs: string[]): PolicyQueryUser => ({
  credentials: mockCredentials.user('user:default/alice'),
  info: { userEntityRef: 'user:default/alice', ownershipEntityRefs },
});

describe('the example Agent Risk permission policy', () => {
  const policy = new AgentRiskPermissionPolicy();
  const developer = userIn('user:default/alice', 'group:default/support');
  const securityEngineer = userIn('user:default/bob', 'group:default/security');

  it('lets everyone read scores', async () => {
    await expect(
      policy.handle({ permission: agentRiskReadPermission }, developer),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets only the security team refresh', async () => {
    await expect(
      policy.handle({ permission: agentRiskRefreshPermission }, developer),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(
      policy.handle(
        { permission: agentRiskRefreshPermission },
        securityEngineer,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('limits catalog reads, and so agent scores, to what the user owns', async () => {
    await expect(
      policy.handle({ permission: catalogEntityReadPermission }, developer),
    ).resolves.toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/alice', 'group:default/support'],
        },
      },
    });
    await expect(
      policy.handle(
        { permission: catalogEntityReadPermission },
        securityEngineer,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});
