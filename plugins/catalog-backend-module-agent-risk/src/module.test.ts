import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogModuleAgentRisk } from './module';
import { AgentRiskEntityProcessor } from './processor/AgentRiskEntityProcessor';

describe('catalogModuleAgentRisk', () => {
  it('adds the agent risk processor to the catalog, configured from app-config', async () => {
    const addProcessor = jest.fn();
    const backend = await startTestBackend({
      extensionPoints: [[catalogProcessingExtensionPoint, { addProcessor }]],
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
          [catalogProcessingExtensionPoint, { addProcessor: jest.fn() }],
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
