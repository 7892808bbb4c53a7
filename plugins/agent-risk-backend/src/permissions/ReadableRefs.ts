import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { principalKey } from './visibility';

/** @public */
export interface ReadableRefsOptions {
  catalog: CatalogService;
  /** How long a caller's answers are reused: the visible set's own lifetime. */
  cacheTtlMs?: number;
  /** Callers whose answers are kept; the least recently asked go first. */
  maxCallers?: number;
  /** Answers kept per caller; past it, answers are asked afresh and not kept. */
  maxRefsPerCaller?: number;
}

const REF_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

interface CallerEntry {
  expiresAt: number;
  /** Lower-case ref → whether the catalog returns it to this caller. */
  readable: Map<string, Promise<boolean>>;
}

/**
 * Which catalog entities a caller may read, as the catalog answers with the
 * caller's own credentials. Answers are kept per caller for as long as the
 * caller's visible set of agents (30 s by default), so a rule change
 * reaches both within the same time. Without this, the summary and every
 * agent detail under a conditional policy asked the catalog (which asks
 * the permission backend in turn) for the same systems on every request:
 * most of those routes' CPU in the full-stack benchmark.
 *
 * A caller without a user or service principal is never cached.
 *
 * @public
 */
export class ReadableRefs {
  /** Insertion order is age order: an entry expires whole, never renewed. */
  private readonly callers = new Map<string, CallerEntry>();
  private readonly ttl: number;
  private readonly maxCallers: number;
  private readonly maxRefsPerCaller: number;

  constructor(private readonly options: ReadableRefsOptions) {
    this.ttl = options.cacheTtlMs ?? 30_000;
    this.maxCallers = options.maxCallers ?? 1000;
    this.maxRefsPerCaller = options.maxRefsPerCaller ?? 10_000;
  }

  /** Of these (lower-case) refs, those the caller may not read. */
  async unreadable(
    refs: readonly string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const unique = [...new Set(refs)];
    if (unique.length === 0) {
      return new Set();
    }
    const entry = this.entryFor(credentials);
    const answers = new Map<string, Promise<boolean>>();
    const unknown: string[] = [];
    for (const ref of unique) {
      const known = entry?.readable.get(ref);
      if (known) {
        answers.set(ref, known);
      } else {
        unknown.push(ref);
      }
    }
    if (unknown.length > 0) {
      const asked = this.ask(unknown, credentials);
      unknown.forEach((ref, i) => {
        const answer = asked.then(readable => readable[i]);
        answers.set(ref, answer);
        if (entry && entry.readable.size < this.maxRefsPerCaller) {
          entry.readable.set(ref, answer);
        }
      });
      // A failed question must not be answered from the cache.
      asked.catch(() => {
        for (const ref of unknown) {
          if (entry?.readable.get(ref) === answers.get(ref)) {
            entry?.readable.delete(ref);
          }
        }
      });
    }
    const refsAsked = [...answers.keys()];
    const readable = await Promise.all(answers.values());
    return new Set(refsAsked.filter((_, i) => !readable[i]));
  }

  private async ask(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<boolean[]> {
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: REF_FIELDS },
      { credentials },
    );
    return refs.map((_, i) => Boolean(items[i]));
  }

  private entryFor(credentials: BackstageCredentials): CallerEntry | undefined {
    const key = principalKey(credentials);
    if (!key) {
      return undefined;
    }
    const now = Date.now();
    for (const [k, e] of this.callers) {
      if (e.expiresAt > now) break; // the rest is younger
      this.callers.delete(k);
    }
    let entry = this.callers.get(key);
    if (!entry) {
      entry = { expiresAt: now + this.ttl, readable: new Map() };
      this.callers.set(key, entry);
      if (this.callers.size > this.maxCallers) {
        this.callers.delete(this.callers.keys().next().value!);
      }
    }
    return entry;
  }
}
