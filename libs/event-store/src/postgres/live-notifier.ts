// Wake-ups for followers: one LISTEN connection per store, shared by its subscriptions and held only while one
// is live. A notification is only a hint to read again; followers also poll, so a lost one never stalls them.
import type pg from 'pg';

export class LiveNotifier {
  private generation = 0;
  private readonly waiters = new Set<() => void>();
  private client: pg.PoolClient | null = null;
  private connecting: Promise<void> | null = null;
  private users = 0;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly channel: string,
    private readonly enabled: boolean,
  ) {}

  /** Changes whenever a notification arrives; read it before a query, pass it to wait() after. */
  get seen(): number {
    return this.generation;
  }

  /** Registers a follower and starts listening; a failure leaves the follower on polling. */
  async acquire(): Promise<void> {
    this.users += 1;
    await this.ensureListening();
  }

  release(): void {
    this.users -= 1;
    if (this.users === 0) this.disconnect();
  }

  /** Returns once a notification came after `seen`, after `timeoutMs`, or on abort. */
  async wait(seen: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    void this.ensureListening();
    if (this.generation !== seen || this.closed || signal?.aborted) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal?.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }

  close(): void {
    this.closed = true;
    this.wakeAll();
    this.disconnect();
  }

  private wakeAll(): void {
    this.generation += 1;
    for (const wake of [...this.waiters]) wake();
  }

  private ensureListening(): Promise<void> {
    if (!this.enabled || this.closed || this.users === 0 || this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch {
      return;
    }
    const onNotification = (): void => this.wakeAll();
    const onError = (): void => {
      if (this.client === client) this.client = null;
      client.off('notification', onNotification);
      client.release(true);
    };
    client.on('notification', onNotification);
    client.on('error', onError);
    try {
      await client.query(`LISTEN ${this.channel}`);
    } catch {
      client.off('error', onError);
      onError();
      return;
    }
    if (this.closed || this.users === 0) {
      client.off('error', onError);
      onError();
      return;
    }
    this.client = client;
    // Commits may have landed while we were not listening: let followers read again now rather than at the next poll.
    this.wakeAll();
  }

  private disconnect(): void {
    const client = this.client;
    this.client = null;
    if (!client) return;
    client.removeAllListeners('notification');
    client.removeAllListeners('error');
    client.on('error', () => undefined);
    // Destroy rather than return it: a pooled connection must not keep LISTENing for the next borrower.
    client.release(true);
  }
}
