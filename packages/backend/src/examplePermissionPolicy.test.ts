import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  agentRiskAcceptanceApprovePermission,
  agentRiskAcceptanceRequestPermission,
  agentRiskAgentCreatePermission,
  agentRiskAgentUpdatePermission,
  agentRiskReadPermission,
  agentRiskRefreshPermission,
} from '@agent-risk/plugin-agent-risk-common';
import { agentPermissionRules } from '@agent-risk/plugin-agent-risk-backend';
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

  it('lets everyone signed in register agents', async () => {
    await expect(
      policy.handle({ permission: agentRiskAgentCreatePermission }, developer),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle({ permission: agentRiskAgentCreatePermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('lets owners (through their groups) edit their agents, and the security team all', async () => {
    const guest = userIn('user:default/guest', 'group:default/ai-platform');
    const decision = await policy.handle(
      { permission: agentRiskAgentUpdatePermission },
      guest,
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'agent-risk',
      resourceType: 'agent-risk-agent',
      conditions: {
        rule: 'IS_AGENT_OWNER',
        resourceType: 'agent-risk-agent',
        params: {
          claims: ['user:default/guest', 'group:default/ai-platform'],
        },
      },
    });
    // What the plugin's rule then decides on each agent.
    const params = (decision as any).conditions.params;
    const rule = agentPermissionRules.isAgentOwner;
    expect(
      rule.apply(
        {
          entityRef: 'airesource:default/codegen',
          owner: 'group:default/ai-platform',
        },
        params,
      ),
    ).toBe(true);
    expect(
      rule.apply(
        {
          entityRef: 'airesource:default/tradeos-ai',
          owner: 'group:default/trading-desk',
        },
        params,
      ),
    ).toBe(false);
    expect(
      rule.apply({ entityRef: 'airesource:default/x', owner: null }, params),
    ).toBe(false);
    await expect(
      policy.handle(
        { permission: agentRiskAgentUpdatePermission },
        securityEngineer,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('opens reads and refresh to everyone when the example app asks', async () => {
    const open = new AgentRiskPermissionPolicy({
      catalogReads: 'all',
      refresh: 'all',
    });
    await expect(
      open.handle({ permission: catalogEntityReadPermission }, developer),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      open.handle({ permission: agentRiskRefreshPermission }, developer),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets owners ask to accept their agents’ risk, and only the security team approve', async () => {
    const guest = userIn('user:default/guest', 'group:default/ai-platform');
    const ask = await policy.handle(
      { permission: agentRiskAcceptanceRequestPermission },
      guest,
    );
    expect(ask).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: {
        rule: 'IS_AGENT_OWNER',
        params: { claims: ['user:default/guest', 'group:default/ai-platform'] },
      },
    });
    await expect(
      policy.handle(
        { permission: agentRiskAcceptanceApprovePermission },
        guest,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(
      policy.handle(
        { permission: agentRiskAcceptanceApprovePermission },
        securityEngineer,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    // The owner rule decides per agent.
    const rule = agentPermissionRules.isAgentOwner;
    expect(
      rule.apply(
        {
          entityRef: 'airesource:default/codegen',
          owner: 'group:default/ai-platform',
        },
        { claims: ['group:default/ai-platform'] },
      ),
    ).toBe(true);
    expect(
      rule.apply(
        {
          entityRef: 'airesource:default/x',
          owner: 'group:default/trading-desk',
        },
        { claims: ['group:default/ai-platform'] },
      ),
    ).toBe(false);
  });
});
