import { Knex } from 'knex';
import { DISCOVERY_CARDS_TABLE, DISCOVERY_RUNS_TABLE, num } from '../tables';
import { AgentCardStore, StoredCardSource } from './AgentCardStore';

interface Row {
  url: string;
  kind: string;
  entity_ref: string | null;
  owner: string | null;
  outcome: string;
  cards_found: number | string;
  errors: string;
  card_sha256: string | null;
  signature: string | null;
  changed_at: string;
  last_seen_at: string | null;
  unreachable_since: string | null;
}

const toRow = (s: StoredCardSource): Row => ({
  url: s.url,
  kind: s.kind,
  entity_ref: s.entityRef,
  owner: s.owner,
  outcome: s.outcome,
  cards_found: s.cardsFound,
  errors: JSON.stringify(s.errors),
  card_sha256: s.cardSha256,
  signature: s.signature,
  changed_at: s.changedAt,
  last_seen_at: s.lastSeenAt,
  unreachable_since: s.unreachableSince,
});

const fromRow = (r: Row): StoredCardSource => ({
  url: r.url,
  kind: r.kind === 'annotation' ? 'annotation' : 'source',
  entityRef: r.entity_ref,
  owner: r.owner,
  outcome: r.outcome as StoredCardSource['outcome'],
  cardsFound: num(r.cards_found),
  errors: JSON.parse(r.errors) as string[],
  cardSha256: r.card_sha256,
  signature: r.signature,
  changedAt: r.changed_at,
  lastSeenAt: r.last_seen_at,
  unreachableSince: r.unreachable_since,
});

/** Everything but `changedAt`: what decides whether a row must be written. */
const sameState = (a: StoredCardSource, b: StoredCardSource) =>
  JSON.stringify({ ...toRow(a), changed_at: '' }) ===
  JSON.stringify({ ...toRow(b), changed_at: '' });

export class KnexAgentCardStore implements AgentCardStore {
  constructor(private readonly knex: Knex) {}

  async list(): Promise<StoredCardSource[]> {
    const rows: Row[] = await this.knex<Row>(DISCOVERY_CARDS_TABLE)
      .select()
      .orderBy('url');
    return rows.map(fromRow);
  }

  async save(rows: readonly StoredCardSource[]): Promise<number> {
    if (rows.length === 0) {
      return 0;
    }
    return this.knex.transaction(async tx => {
      const stored = new Map<string, StoredCardSource>();
      const urls = rows.map(r => r.url);
      for (let i = 0; i < urls.length; i += 200) {
        const found: Row[] = await tx<Row>(DISCOVERY_CARDS_TABLE).whereIn(
          'url',
          urls.slice(i, i + 200),
        );
        found.forEach(r => stored.set(r.url, fromRow(r)));
      }
      let written = 0;
      for (const row of rows) {
        const before = stored.get(row.url);
        if (before && sameState(before, row)) {
          continue;
        }
        if (before) {
          const { url, ...rest } = toRow(row);
          await tx(DISCOVERY_CARDS_TABLE).where({ url }).update(rest);
        } else {
          await tx(DISCOVERY_CARDS_TABLE).insert(toRow(row));
        }
        written += 1;
      }
      return written;
    });
  }

  async lastRunAt(task: string): Promise<string | null> {
    const row = await this.knex(DISCOVERY_RUNS_TABLE)
      .where({ task })
      .first('last_run_at');
    return row?.last_run_at ?? null;
  }

  async recordRun(task: string, at: string): Promise<void> {
    await this.knex(DISCOVERY_RUNS_TABLE)
      .insert({ task, last_run_at: at })
      .onConflict('task')
      .merge(['last_run_at']);
  }
}
