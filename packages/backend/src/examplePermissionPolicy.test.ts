import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
  catalogLocationReadPermission,
  catalogPermissions,
} from '@backstage/plugin-catalog-common/alpha';
import {
  scaffolderPermissions,
  taskCreatePermission,
  taskReadPermission,
  templateManagementPermission,
  templateParameterReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  agentRiskAcceptanceApprovePermission,
  agentRiskAcceptanceRequestPermission,
  agentRiskAgentAssignPermission,
  agentRiskAgentCreatePermission,
  agentRiskAgentUpdatePermission,
  agentRiskAuditHistoryPermission,
  agentRiskPermissions,
  agentRiskReadPermission,
  agentRiskRefreshPermission,
  agentRiskRegistryPermissions,
  agentRiskSyncPermission,
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

  describe('deny by default', () => {
    // The example app's options: the most open this policy gets.
    const exampleApp = new AgentRiskPermissionPolicy({
      catalogReads: 'all',
      refresh: 'all',
    });
    const guest = userIn('user:default/guest', 'group:default/ai-platform');

    it.each(
      [...agentRiskPermissions, ...agentRiskRegistryPermissions].map(p => [
        p.name,
        p,
      ]),
    )(
      'decides %s on purpose: someone gets it, not by a catch-all',
      async (_, permission) => {
        expect(exampleApp.decides(permission.name)).toBe(true);
        // The security team gets every Agent Risk permission (some only on
        // their own agents): were it left to the default, it would be denied.
        const decision = await exampleApp.handle(
          { permission },
          securityEngineer,
        );
        expect(decision.result).not.toBe(AuthorizeResult.DENY);
      },
    );

    it('decides every catalog permission on purpose', () => {
      for (const permission of catalogPermissions) {
        expect([permission.name, exampleApp.decides(permission.name)]).toEqual([
          permission.name,
          true,
        ]);
      }
    });

    it('decides every scaffolder permission on purpose', () => {
      for (const permission of scaffolderPermissions) {
        expect([permission.name, exampleApp.decides(permission.name)]).toEqual([
          permission.name,
          true,
        ]);
      }
    });

    it('lets everyone run templates and read their own tasks, and only the security team manage templates', async () => {
      for (const permission of [
        templateParameterReadPermission,
        taskCreatePermission,
      ]) {
        expect((await exampleApp.handle({ permission }, guest)).result).toBe(
          AuthorizeResult.ALLOW,
        );
      }
      expect(
        await exampleApp.handle({ permission: taskReadPermission }, guest),
      ).toMatchObject({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'scaffolder',
        conditions: {
          rule: 'IS_TASK_OWNER',
          params: { createdBy: ['user:default/alice'] },
        },
      });
      expect(
        (
          await exampleApp.handle(
            { permission: templateManagementPermission },
            guest,
          )
        ).result,
      ).toBe(AuthorizeResult.DENY);
      expect(
        (
          await exampleApp.handle(
            { permission: templateManagementPermission },
            securityEngineer,
          )
        ).result,
      ).toBe(AuthorizeResult.ALLOW);
    });

    it('denies a permission it does not know, even to the security team', async () => {
      // A plugin this backend does not run (the scaffolder's are decided now).
      const unknown = createPermission({
        name: 'kubernetes.proxy',
        attributes: {},
      });
      expect(exampleApp.decides(unknown.name)).toBe(false);
      for (const user of [guest, securityEngineer]) {
        await expect(
          exampleApp.handle({ permission: unknown }, user),
        ).resolves.toEqual({ result: AuthorizeResult.DENY });
      }
    });

    it('denies everything without a signed-in user', async () => {
      await expect(
        exampleApp.handle({ permission: agentRiskReadPermission }),
      ).resolves.toEqual({ result: AuthorizeResult.DENY });
    });

    it('keeps a full sync, assignment to other owners and old audit trails to the security team, even in the example app', async () => {
      for (const permission of [
        agentRiskSyncPermission,
        agentRiskAgentAssignPermission,
        agentRiskAuditHistoryPermission,
      ]) {
        await expect(exampleApp.handle({ permission }, guest)).resolves.toEqual(
          { result: AuthorizeResult.DENY },
        );
        await expect(
          exampleApp.handle({ permission }, securityEngineer),
        ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
      }
    });

    it('lets only the security team delete catalog entities or change locations', async () => {
      for (const permission of [
        catalogEntityDeletePermission,
        catalogLocationCreatePermission,
        catalogLocationDeletePermission,
      ]) {
        await expect(exampleApp.handle({ permission }, guest)).resolves.toEqual(
          { result: AuthorizeResult.DENY },
        );
        await expect(
          exampleApp.handle({ permission }, securityEngineer),
        ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
      }
    });

    it('gives the guest what the example app asks for', async () => {
      for (const permission of [
        agentRiskReadPermission,
        agentRiskRefreshPermission,
        agentRiskAgentCreatePermission,
        catalogEntityReadPermission,
        catalogEntityRefreshPermission,
        catalogEntityCreatePermission,
        catalogLocationReadPermission,
      ]) {
        await expect(exampleApp.handle({ permission }, guest)).resolves.toEqual(
          { result: AuthorizeResult.ALLOW },
        );
      }
      // Owners' rules stay conditional: guest edits and asks about own agents.
      for (const permission of [
        agentRiskAgentUpdatePermission,
        agentRiskAcceptanceRequestPermission,
      ]) {
        await expect(
          exampleApp.handle({ permission }, guest),
        ).resolves.toMatchObject({ result: AuthorizeResult.CONDITIONAL });
      }
    });

    it('lets owners refresh the catalog entities they may read, in the stricter setup', async () => {
      await expect(
        policy.handle(
          { permission: catalogEntityRefreshPermission },
          developer,
        ),
      ).resolves.toMatchObject({
        result: AuthorizeResult.CONDITIONAL,
        conditions: { rule: 'IS_ENTITY_OWNER' },
      });
    });
  });
});
