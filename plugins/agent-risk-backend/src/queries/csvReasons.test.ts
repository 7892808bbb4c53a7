import { csvReasons } from './csvReasons';

describe('csvReasons', () => {
  it('names the three largest contributions, largest first, and every validation problem', () => {
    expect(
      csvReasons({
        contributions: {
          'autonomy-of-action': 0.32,
          'dynamic-tool-use': 0.3,
          'persistent-memory': 0,
          'self-modification': 0.05,
          'goal-driven-planning': 0.1,
        },
        errors: [
          { field: 'aivss.owasp.org/cvss-base', message: 'is missing' },
          {
            field: 'aivss.owasp.org/persistent-memory',
            message: 'must be 0..1',
          },
        ],
      }),
    ).toEqual({
      topDrivers:
        'Autonomy of action +0.32; Dynamic tool use +0.30; Goal-driven planning +0.10',
      errors:
        'aivss.owasp.org/cvss-base: is missing; aivss.owasp.org/persistent-memory: must be 0..1',
    });
    expect(csvReasons(undefined)).toEqual({ topDrivers: '', errors: '' });
  });
});
