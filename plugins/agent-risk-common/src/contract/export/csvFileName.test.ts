import { csvExportFileName } from './csvFileName';

const day = new Date('2026-12-07T18:30:00Z');

describe('csvExportFileName', () => {
  it('names an unfiltered export by the day', () => {
    expect(csvExportFileName({}, day)).toBe('agent-risk-2026-12-07.csv');
  });

  it('adds the filters by the names people read', () => {
    expect(csvExportFileName({ owner: ['group:default/team-a'] }, day)).toBe(
      'agent-risk-2026-12-07-owner-team-a.csv',
    );
    expect(
      csvExportFileName(
        {
          owner: ['group:default/team-a', 'user:default/sam'],
          severity: ['critical', 'high'],
          q: 'Code Gen',
          reviewOverdue: true,
        },
        day,
      ),
    ).toBe(
      'agent-risk-2026-12-07-owner-team-a-sam-severity-critical-high-search-code-gen-review-overdue.csv',
    );
  });

  it('keeps only letters, digits and dashes, and bounds the length', () => {
    const name = csvExportFileName(
      { q: '"; rm -rf /\r\n../../x', system: ['a'.repeat(500)] },
      day,
    );
    expect(name).toMatch(/^agent-risk-2026-12-07-[a-z0-9-]+\.csv$/);
    expect(name.length).toBeLessThanOrEqual(160);
  });
});
