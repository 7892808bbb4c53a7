import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogModuleAgentRisk } from './module';
import { AgentRiskEntityProcessor } from './processor/AgentRiskEntityProcessor';
import { RegistryEntityProvider } from './provider/RegistryEntityProvider';

describe('catalogModuleAgentRisk', () => {
  it('adds the agent risk processor to the catalog, configured from app-config', async () => {
    const addProcessor = jest.fn();
    const addEntityProvider = jest.fn();
    const backend = await startTestBackend({
      extensionPoints: [
        [catalogProcessingExtensionPoint, { addProcessor, addEntityProvider }],
      ],
      features: [
        catalogModuleAgentRisk,
        mockServices.rootConfig.factory({
          data: { agentRisk: { catalogValidation: { mode: 'reject' } } },
        }),
      ],
    });

    expect(addProcessor).toHaveBeenCalledTimes(1);
    const processor = addProcessor.mock.calls[0][0];
    expect(processor).toBeInstanceOf(AgentRiskEntityProcessor);
    // The registry's entity provider is on by default.
    expect(addEntityProvider).toHaveBeenCalledWith(
      expect.any(RegistryEntityProvider),
    );

    // The configured mode reached the processor: a problem becomes an input error.
    const emit = jest.fn();
    await processor.postProcessEntity(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'AiResource',
        metadata: {
          name: 'a',
          annotations: { 'aivss.owasp.org/cvss-base': 'ten' },
        },
        spec: { type: 'agent', lifecycle: 'production', owner: 'guest' },
      },
      { type: 'url', target: 'https://example.com/catalog-info.yaml' },
      emit,
    );
    expect(emit).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'error',
        error: expect.objectContaining({
          message: expect.stringContaining('aivss.owasp.org/cvss-base'),
        }),
      }),
    );
    await backend.stop();
  });

  it('refuses to start with an unknown validation mode', async () => {
    await expect(
      startTestBackend({
        extensionPoints: [
          [
            catalogProcessingExtensionPoint,
            { addProcessor: jest.fn(), addEntityProvider: jest.fn() },
          ],
        ],
        features: [
          catalogModuleAgentRisk,
          mockServices.rootConfig.factory({
            data: { agentRisk: { catalogValidation: { mode: 'warn' } } },
          }),
        ],
      }),
    ).rejects.toThrow(/agentRisk\.catalogValidation\.mode "warn"/);
  });
});
