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

  it('reads the notification rules: off by default, High and above, and refuses an unknown band', () => {
    expect(
      readAgentRiskBackendOptions(new ConfigReader({})).notifications,
    ).toEqual({
      enabled: false,
      minimumSeverity: 'high',
      invalid: true,
      reviewOverdue: true,
      acceptanceExpiringDays: 14,
    });
    expect(
      readAgentRiskBackendOptions(
        new ConfigReader({
          agentRisk: {
            notifications: {
              enabled: true,
              minimumSeverity: 'medium',
              reviewOverdue: false,
              acceptanceExpiringDays: 7,
            },
          },
        }),
      ).notifications,
    ).toEqual({
      enabled: true,
      minimumSeverity: 'medium',
      invalid: true,
      reviewOverdue: false,
      acceptanceExpiringDays: 7,
    });
    expect(() =>
      readAgentRiskBackendOptions(
        new ConfigReader({
          agentRisk: { notifications: { minimumSeverity: 'severe' } },
        }),
      ),
    ).toThrow(/agentRisk\.notifications\.minimumSeverity "severe"/);
    expect(() =>
      readAgentRiskBackendOptions(
        new ConfigReader({
          agentRisk: { notifications: { acceptanceExpiringDays: -1 } },
        }),
      ),
    ).toThrow(/agentRisk\.notifications\.acceptanceExpiringDays -1/);
    expect(() =>
      readAgentRiskBackendOptions(
        new ConfigReader({ agentRisk: { acceptance: { maxDays: 0 } } }),
      ),
    ).toThrow(/agentRisk\.acceptance\.maxDays 0/);
  });

  it('allows no fetch host by default, reads host patterns and refuses anything else naming the entry', () => {
    expect(readAgentRiskBackendOptions(new ConfigReader({})).fetch).toEqual({
      allow: [],
      timeout: { seconds: 10 },
    });
    const allow = [
      'agents.example.com',
      '*.agents.example.com',
      '127.0.0.1:8080',
    ];
    expect(
      readAgentRiskBackendOptions(
        new ConfigReader({
          agentRisk: { fetch: { allow, timeout: { seconds: 3 } } },
        }),
      ).fetch,
    ).toEqual({ allow, timeout: { seconds: 3 } });
    for (const [index, pattern] of [
      [0, 'https://agents.example.com'],
      [0, '*'],
      [0, 'agents.example.com/cards'],
    ] as const) {
      expect(() =>
        readAgentRiskBackendOptions(
          new ConfigReader({ agentRisk: { fetch: { allow: [pattern] } } }),
        ),
      ).toThrow(`Invalid agentRisk.fetch.allow[${index}] "${pattern}"`);
    }
    expect(() =>
      readAgentRiskBackendOptions(
        new ConfigReader({
          agentRisk: { fetch: { allow: ['ok.example.com', 'Not OK'] } },
        }),
      ),
    ).toThrow('Invalid agentRisk.fetch.allow[1] "Not OK"');
    for (const timeout of [{ seconds: 0 }, { minutes: 6 }]) {
      expect(() =>
        readAgentRiskBackendOptions(
          new ConfigReader({ agentRisk: { fetch: { timeout } } }),
        ),
      ).toThrow(/Invalid agentRisk\.fetch\.timeout/);
    }
  });

  it('reads the reach depth, 3 by default, an integer from 1 to 10', () => {
    expect(readAgentRiskBackendOptions(new ConfigReader({})).reach).toEqual({
      depth: 3,
    });
    expect(
      readAgentRiskBackendOptions(
        new ConfigReader({ agentRisk: { reach: { depth: 5 } } }),
      ).reach.depth,
    ).toBe(5);
    for (const depth of [0, 11, 2.5]) {
      expect(() =>
        readAgentRiskBackendOptions(
          new ConfigReader({ agentRisk: { reach: { depth } } }),
        ),
      ).toThrow(`Invalid agentRisk.reach.depth ${depth}`);
    }
  });
});

describe('agent-card discovery options', () => {
  it('appends the well-known path under a base URL’s own path and reads sources given as JSON', () => {
    const options = readAgentRiskBackendOptions(
      new ConfigReader({
        agentRisk: {
          discovery: {
            agentCards: {
              sources: [
                { baseUrl: 'http://127.0.0.1:7010/billing/' },
                {
                  baseUrl: 'https://agents.example.com',
                  owner: 'group:default/a',
                },
                { url: 'https://cards.example.com/x.json' },
              ],
            },
          },
        },
      }),
    );
    expect(options.discovery.agentCards.sources).toEqual([
      {
        url: 'http://127.0.0.1:7010/billing/.well-known/agent-card.json',
        owner: null,
      },
      {
        url: 'https://agents.example.com/.well-known/agent-card.json',
        owner: 'group:default/a',
      },
      { url: 'https://cards.example.com/x.json', owner: null },
    ]);
    expect(options.discovery.defaultOwner).toBe('unknown');
  });

  it('refuses a source with both or neither of url and baseUrl, naming it', () => {
    expect(() =>
      readAgentRiskBackendOptions(
        new ConfigReader({
          agentRisk: {
            discovery: {
              agentCards: { sources: [{ owner: 'group:default/a' }] },
            },
          },
        }),
      ),
    ).toThrow(/agentRisk\.discovery\.agentCards\.sources\[0\]/);
  });
});
