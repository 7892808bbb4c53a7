import { loadConfigSchema } from '@backstage/config-loader';

// The app only sends config to the browser that some package's schema marks
// `@visibility frontend`; without this plugin's config.d.ts the Risk tab
// ignores `agentRisk.agents` in every app that does not also bundle the
// backend's schema.
describe('the frontend config schema', () => {
  it('lets agentRisk.agents reach the browser', async () => {
    const schema = await loadConfigSchema({
      dependencies: ['@agent-risk/plugin-agent-risk'],
      excludePackageDependencies: true,
    });
    const agents = [{ kind: 'Resource', type: 'llm-agent' }];

    const [frontendConfig] = schema.process(
      [{ context: 'app-config.yaml', data: { agentRisk: { agents } } }],
      { visibility: ['frontend'] },
    );

    expect(frontendConfig.data).toEqual({ agentRisk: { agents } });
  }, 60_000);
});
