import { ConfigReader } from '@backstage/config';
import { readAgentRiskBackendOptions } from './options';

describe('readAgentRiskBackendOptions', () => {
  it('applies defaults', () => {
    const options = readAgentRiskBackendOptions(new ConfigReader({}));
    expect(options.sync.maxSweepShare).toBe(0.5);
    expect(options.refresh.catalogWait).toEqual({ seconds: 10 });
    expect(options.agentSelectors.length).toBeGreaterThan(0);
  });

  it('refuses an empty agent list, which would send the catalog no filter', () => {
    expect(() =>
      readAgentRiskBackendOptions(
        new ConfigReader({ agentRisk: { agents: [] } }),
      ),
    ).toThrow(/agentRisk\.agents.*empty/);
  });

  it('refuses a sweep share outside (0, 1]', () => {
    for (const maxSweepShare of [0, -0.1, 1.5]) {
      expect(() =>
        readAgentRiskBackendOptions(
          new ConfigReader({ agentRisk: { sync: { maxSweepShare } } }),
        ),
      ).toThrow(/agentRisk\.sync\.maxSweepShare/);
    }
    expect(
      readAgentRiskBackendOptions(
        new ConfigReader({ agentRisk: { sync: { maxSweepShare: 1 } } }),
      ).sync.maxSweepShare,
    ).toBe(1);
  });
});
