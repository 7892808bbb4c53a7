import { AgentCsvRow } from '@agent-risk/plugin-agent-risk-common';
import { CsvExportCache, nextCellChange } from './csvExportCache';

const NOW = Date.parse('2026-06-01T00:00:00.000Z');
const at = (iso: string) => Date.parse(iso);

const row = (overrides: Partial<AgentCsvRow> = {}): AgentCsvRow =>
  ({
    entityRef: 'airesource:default/a',
    reviewDue: null,
    ssvc: null,
    acceptance: null,
    ...overrides,
  } as AgentCsvRow);

describe('nextCellChange', () => {
  it('is the first future review due date, SSVC due date or acceptance expiry', () => {
    const rows = [
      row({ reviewDue: '2026-07-01T00:00:00.000Z' }),
      row({
        ssvc: { dueAt: '2026-06-20T00:00:00.000Z' } as AgentCsvRow['ssvc'],
      }),
      row({
        acceptance: {
          expiresAt: '2026-06-10T00:00:00.000Z',
        } as AgentCsvRow['acceptance'],
      }),
      // Already past: its cell no longer changes by itself.
      row({ reviewDue: '2026-05-01T00:00:00.000Z' }),
    ];
    expect(nextCellChange(rows, NOW)).toBe(at('2026-06-10T00:00:00.000Z'));
    expect(nextCellChange(rows.slice(0, 2), NOW)).toBe(
      at('2026-06-20T00:00:00.000Z'),
    );
  });

  it('is never when no cell depends on the time, and now for a date it cannot read', () => {
    expect(nextCellChange([row(), row()], NOW)).toBe(Infinity);
    expect(nextCellChange([row({ reviewDue: 'soon' })], NOW)).toBe(NOW);
  });
});

describe('CsvExportCache', () => {
  it('keeps an export until its first cell change, least recently used first out', () => {
    const cache = new CsvExportCache(2);
    const due = row({ reviewDue: '2026-06-02T00:00:00.000Z' });
    cache.set('a', 'A', [due], NOW);
    cache.set('b', 'B', [row()], NOW);
    expect(cache.get('a', NOW)?.text).toBe('A');
    // "a" was used last: "b" goes when "c" comes.
    cache.set('c', 'C', [row()], NOW);
    expect(cache.get('b', NOW)).toBeUndefined();
    expect(cache.get('c', NOW)?.text).toBe('C');
    expect(cache.get('a', at('2026-06-01T23:59:59.999Z'))?.text).toBe('A');
    expect(cache.get('a', at('2026-06-02T00:00:00.000Z'))).toBeUndefined();
  });

  it('does not keep an export longer than its bound, or one that changes at once', () => {
    const cache = new CsvExportCache(8, 10);
    expect(cache.set('long', 'x'.repeat(11), [row()], NOW).text).toHaveLength(
      11,
    );
    expect(cache.get('long', NOW)).toBeUndefined();
    cache.set('bad', 'B', [row({ reviewDue: 'soon' })], NOW);
    expect(cache.get('bad', NOW)).toBeUndefined();
  });
});
