import { Entity } from '@backstage/catalog-model';
import {
  AnyApiFactory,
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import agentRiskPlugin, {
  agentRiskApi,
  agentRiskEntityCard,
  agentRiskEntityContent,
  agentRiskRankingPage,
} from './alpha';
import { agentRiskApiRef } from './api';
import { agentEntity, groupEntity } from './__testUtils__/fixtures';

type EntityFilter = (entity: Entity) => boolean;

describe('agent-risk alpha plugin', () => {
  it('registers its API, page, Risk tab and cards', () => {
    expect(agentRiskPlugin.pluginId).toBe('agent-risk');
    expect(agentRiskPlugin.getExtension('api:agent-risk')).toBeDefined();
    expect(agentRiskPlugin.getExtension('page:agent-risk')).toBeDefined();
    expect(
      agentRiskPlugin.getExtension('entity-content:agent-risk'),
    ).toBeDefined();
    expect(
      agentRiskPlugin.getExtension('entity-card:agent-risk'),
    ).toBeDefined();
    expect(
      agentRiskPlugin.getExtension('entity-card:agent-risk/group'),
    ).toBeDefined();
  });

  it('provides the client factory for agentRiskApiRef', () => {
    const factory = createExtensionTester(agentRiskApi).get(
      ApiBlueprint.dataRefs.factory,
    ) as AnyApiFactory;
    expect(factory.api).toBe(agentRiskApiRef);
  });

  it('mounts the ranking page at /agent-risk', () => {
    const tester = createExtensionTester(agentRiskRankingPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/agent-risk');
  });

  it('adds a "Risk" tab at risk, shown for agents only', () => {
    const tester = createExtensionTester(agentRiskEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('risk');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Risk');
    const filter = tester.get(
      EntityContentBlueprint.dataRefs.filterFunction,
    ) as EntityFilter;
    expect(filter(agentEntity())).toBe(true);
    expect(filter(groupEntity)).toBe(false);
  });

  it('shows the overview card for agents only', () => {
    const filter = createExtensionTester(agentRiskEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    ) as EntityFilter;
    expect(filter(agentEntity())).toBe(true);
    expect(
      filter({ ...groupEntity, kind: 'Component', spec: { type: 'service' } }),
    ).toBe(false);
  });
});
