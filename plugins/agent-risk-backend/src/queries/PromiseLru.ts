/**
 * Promises by key, at most `capacity` of them, the least recently used
 * evicted first. Callers asking for the same key share one promise; a
 * promise that rejects is forgotten, so the next caller tries again.
 */
export class PromiseLru<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly capacity: number) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    let value = this.entries.get(key);
    if (value) {
      // Re-inserted, so the map's order stays least recently used first.
      this.entries.delete(key);
    } else {
      value = compute();
      const pending = value;
      pending.catch(() => {
        if (this.entries.get(key) === pending) {
          this.entries.delete(key);
        }
      });
    }
    this.entries.set(key, value);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) {
        break;
      }
      this.entries.delete(oldest);
    }
    return value;
  }
}
