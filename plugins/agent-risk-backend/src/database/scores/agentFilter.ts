import { Knex } from 'knex';
import { normalizeEntityRef } from '@agent-risk/plugin-agent-risk-common';
import { ACCEPTANCE_TABLE, SCORES_TABLE, SEARCH_INDEX_TABLE } from '../tables';
import { AgentFilter } from '../types';

/** Above this many refs a visibility filter is sent as one JSON parameter. */
const INLINE_REFS_LIMIT = 500;

/** A PostgreSQL text[] literal: one bind parameter however many refs. */
function pgTextArray(values: readonly string[]): string {
  return `{${values
    .map(v => `"${v.replace(/[\\"]/g, c => `\\${c}`)}"`)
    .join(',')}}`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, c => `\\${c}`);
}

/** Adds the ranking's filters (and the caller's visible set) to a query on the scores table. */
export function applyAgentFilter(
  query: Knex.QueryBuilder,
  filter: AgentFilter,
  onPostgres: boolean,
) {
  const anyOf = (column: string, values?: readonly (string | null)[]) => {
    if (values && values.length > 0) {
      query.whereIn(column, values as string[]);
    }
  };
  anyOf('owner', filter.owner);
  anyOf('severity', filter.severity);
  anyOf('status', filter.status);
  const lower = (values?: readonly string[]) =>
    (values ?? []).map(v => v.toLocaleLowerCase('en-US'));
  anyOf('lifecycle_key', lower(filter.lifecycle));
  if (filter.system && filter.system.length > 0) {
    // A system filter value is a ref (kind and namespace optional) or a title.
    const refs = filter.system
      .map(v => normalizeEntityRef(v, 'system', 'default'))
      .filter((ref): ref is string => ref !== null);
    const titles = lower(filter.system);
    query.where(q =>
      q
        .whereIn('system_key', lower(refs))
        .orWhereIn('system_title_key', titles),
    );
  }
  const reviewNow = filter.reviewNow;
  if (filter.reviewedBefore) {
    const before = filter.reviewedBefore;
    query.where(q => {
      q.whereNull('reviewed_at').orWhere('reviewed_at', '<', before);
      if (reviewNow) {
        // A passed SSVC deadline makes the review overdue too.
        q.orWhere('ssvc_due_at', '<', reviewNow);
      }
    });
  }
  if (filter.reviewedSince) {
    query.where('reviewed_at', '>=', filter.reviewedSince);
    if (reviewNow) {
      query.where(q =>
        q.whereNull('ssvc_due_at').orWhere('ssvc_due_at', '>=', reviewNow),
      );
    }
  }
  if (filter.ssvcDueBefore) {
    query.where('ssvc_due_at', '<', filter.ssvcDueBefore);
  }
  if (filter.understated !== undefined) {
    query.where('understated', filter.understated);
  }
  if (filter.discovered !== undefined) {
    query.where('discovered', filter.discovered);
  }
  if (filter.assessed !== undefined) {
    query.where('assessed', filter.assessed);
  }
  if (filter.ssvcOutcome && filter.ssvcOutcome.length > 0) {
    const outcomes = filter.ssvcOutcome.filter(o => o !== 'none');
    const none = filter.ssvcOutcome.includes('none');
    query.where(q => {
      if (outcomes.length > 0) {
        q.whereIn('ssvc_outcome', outcomes);
      }
      if (none) {
        q.orWhereNull('ssvc_outcome');
      }
    });
  }
  if (filter.q) {
    const text = filter.q.toLocaleLowerCase('en-US');
    if (!onPostgres && !/[\\%_]/.test(text)) {
      // The FTS5 trigram index answers LIKE itself (with the same substring
      // semantics on the lower-case text), but only without an ESCAPE
      // clause, so text with LIKE wildcards takes the scan below.
      query.whereRaw(
        `${SCORES_TABLE}.rowid IN (SELECT rowid FROM ${SEARCH_INDEX_TABLE} WHERE search_text LIKE ?)`,
        [`%${text}%`],
      );
    } else {
      // On PostgreSQL the pg_trgm GIN index serves this LIKE.
      query.whereRaw("search_text LIKE ? ESCAPE '\\'", [
        `%${escapeLike(text)}%`,
      ]);
    }
  }
  if (filter.acceptance && filter.acceptance.states.length > 0) {
    const { states, now } = filter.acceptance;
    const latest = query.client
      .queryBuilder()
      .max('id')
      .from(ACCEPTANCE_TABLE)
      .groupBy('entity_ref');
    query.whereIn(
      'entity_ref',
      query.client
        .queryBuilder()
        .select('entity_ref')
        .from(ACCEPTANCE_TABLE)
        .whereIn('id', latest)
        .where(q => {
          // The state at `now`: pending and accepted ones past their expiry are expired.
          for (const state of states) {
            q.orWhere(one => {
              if (state === 'pending' || state === 'accepted') {
                one.where('state', state).where('expires_at', '>', now);
              } else if (state === 'expired') {
                one
                  .where('state', 'expired')
                  .orWhere(past =>
                    past
                      .whereIn('state', ['pending', 'accepted'])
                      .where('expires_at', '<=', now),
                  );
              } else {
                one.where('state', state);
              }
            });
          }
        }),
    );
  }
  const refs = filter.visibleRefs;
  if (refs) {
    if (refs.length <= INLINE_REFS_LIMIT) {
      query.whereIn('entity_ref', refs as string[]);
    } else if (onPostgres) {
      // One JSON parameter instead of thousands of bind variables.
      query.whereRaw('entity_ref = ANY(?::text[])', [pgTextArray(refs)]);
    } else {
      query.whereRaw('entity_ref IN (SELECT value FROM json_each(?))', [
        JSON.stringify(refs),
      ]);
    }
  }
}
