/**
 * Wakes the held `GET /registry/changes` requests when this instance writes
 * the registry, so the catalog's provider learns of a change at once. Writes
 * on another instance of the backend wake nobody here: the waiting request
 * also looks at the database every `recheckMs`, so they arrive within that.
 */
export class RegistryChangeSignal {
  private waiters = new Set<() => void>();

  /** Wakes every waiter. */
  notify(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) {
      wake();
    }
  }

  /** Resolves on the next `notify()`, after `ms`, or when `signal` aborts. */
  wait(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise(resolve => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      const pending: { timer?: ReturnType<typeof setTimeout> } = {};
      const done = () => {
        clearTimeout(pending.timer);
        signal?.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      pending.timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done);
      this.waiters.add(done);
    });
  }
}
