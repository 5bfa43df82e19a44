// In-process mutual exclusion per key. Appends to one stream from this process take turns, so they do not race
// each other into revision conflicts (appends from other processes are still caught by the store's revisions).

export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `work` holding every key (taken in sorted order, so two callers never wait on each other in a cycle). */
  async withKeys<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    const releases: (() => void)[] = [];
    try {
      for (const key of sorted) releases.push(await this.acquire(key));
      return await work();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  private async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    return () => {
      release();
      // The last holder cleans up, so idle keys do not accumulate.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }
}
