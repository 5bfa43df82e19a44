// Follows the store from the durable checkpoints and keeps the read models current. Each batch is applied to every
// projection AND its checkpoint is advanced in ONE transaction, under a row lock on the checkpoints, so a crash,
// a restart or a second projector process never applies an event twice nor skips one.
import type { StoredEvent } from '../../events/index.js';
import { inTransaction } from '../../libs/persistence/src/transaction.js';
import { readCheckpoints, writeCheckpoint } from './checkpoints.js';
import { ProjectionMemory, type ProjectionContext } from './projection.js';
import { rebuildProjections, type ProjectionDeps } from './rebuild.js';
import { recordUnusable, splitUnusable } from './unusable-events.js';

export interface ProjectorOptions {
  /** Events per subscription batch (default 500). */
  batchSize?: number;
  /** After a batch smaller than batchSize, wait this long before reading on (default 50 ms). */
  coalesceMs?: number;
  /** Pause before re-subscribing after a failed batch (default 1000 ms). */
  retryDelayMs?: number;
  /** Told about a failed batch; the projector rolls it back and retries from the checkpoint. */
  onError?: (error: unknown) => void;
  /** Batch size of the rebuild a version bump triggers at start. */
  rebuildBatchSize?: number;
}

interface Waiter {
  position: number;
  resolve: () => void;
}

export class Projector {
  private readonly positions = new Map<string, number>();
  private readonly contexts = new Map<string, ProjectionContext>();
  private waiters: Waiter[] = [];
  private abort: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private lastError: unknown = null;

  constructor(
    private readonly deps: ProjectionDeps,
    private readonly options: ProjectorOptions = {},
  ) {}

  /**
   * Rebuilds every projection whose stored version differs from its definition (or that has no checkpoint yet),
   * then follows the log from the lowest checkpoint. Resolves once following has begun.
   */
  async start(): Promise<void> {
    if (this.loop) throw new Error('the projector is already running');
    const projections = this.deps.projections;
    const names = projections.map((p) => p.name);
    const stored = await readCheckpoints(this.deps.pool, names);
    const stale = projections.filter((p) => stored.get(p.name)?.version !== p.version).map((p) => p.name);
    if (stale.length) await rebuildProjections(this.deps, { names: stale, batchSize: this.options.rebuildBatchSize });

    const checkpoints = await readCheckpoints(this.deps.pool, names);
    for (const p of projections) {
      const position = checkpoints.get(p.name)?.position ?? 0;
      this.positions.set(p.name, position);
      this.contexts.set(p.name, { store: this.deps.store, memory: new ProjectionMemory(), mode: 'live', checkpoint: position });
    }
    this.abort = new AbortController();
    this.loop = this.follow(this.abort.signal);
  }

  /** Stops following: the batch in hand is finished (committed or rolled back) before this resolves. */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.abort?.abort();
    await this.loop;
    this.loop = null;
    this.abort = null;
    for (const context of this.contexts.values()) context.memory.clear();
  }

  get running(): boolean {
    return this.loop !== null;
  }

  /** The position every projection has reached (the lowest checkpoint). */
  get position(): number {
    return this.positions.size ? Math.min(...this.positions.values()) : 0;
  }

  /** Per projection, its committed checkpoint as this process knows it; and the last error, for /health. */
  status(): { positions: Record<string, number>; lastError: string | null } {
    return {
      positions: Object.fromEntries(this.positions),
      lastError: this.lastError === null ? null : String((this.lastError as Error)?.message ?? this.lastError),
    };
  }

  /** Resolves once every projection has committed `position`; rejects after `timeoutMs`. */
  waitFor(position: number, timeoutMs = 10_000): Promise<void> {
    if (this.position >= position) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`projections did not reach position ${position} within ${timeoutMs} ms (at ${this.position})`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private async follow(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const subscription = this.deps.store.subscribe({ after: this.position, batchSize: this.options.batchSize ?? 500, signal });
        const batchSize = this.options.batchSize ?? 500;
        for await (const batch of subscription) {
          if (batch.length) await this.applyBatch(batch);
          if (signal.aborted) break;
          // Under a stream of small appends, a short pause lets the next read take many events at once: one
          // transaction per projection for all of them instead of one per commit of the writers.
          if (batch.length < batchSize) await abortableDelay(this.options.coalesceMs ?? 50, signal);
        }
      } catch (error) {
        if (signal.aborted) break;
        this.lastError = error;
        this.options.onError?.(error);
        await abortableDelay(this.options.retryDelayMs ?? 1000, signal);
      }
    }
  }

  private async applyBatch(batch: readonly StoredEvent[]): Promise<void> {
    const projections = this.deps.projections;
    const last = batch[batch.length - 1].position;
    const committed = new Map<string, number>();
    const { usable, unusable } = splitUnusable(batch);
    try {
      await inTransaction(this.deps.pool, async (tx) => {
        await recordUnusable(tx, unusable);
        const locked = await readCheckpoints(
          tx,
          projections.map((p) => p.name),
          true,
        );
        for (const p of projections) {
          const checkpoint = locked.get(p.name);
          if (!checkpoint || checkpoint.version !== p.version) {
            throw new Error(`projection ${p.name}: checkpoint version ${checkpoint?.version ?? 'none'} is not ${p.version}; restart to rebuild`);
          }
          const context = this.contexts.get(p.name) as ProjectionContext;
          // Another process moved this projection on: what this one remembers no longer matches the rows.
          if (checkpoint.position !== context.checkpoint) context.memory.clear();
          context.checkpoint = checkpoint.position;
          const fresh = batch.filter((e) => e.position > checkpoint.position);
          if (fresh.length === 0) {
            // Already applied (by another projector process): nothing to write, but this one has caught up too.
            committed.set(p.name, checkpoint.position);
            continue;
          }
          // Events no read model can use are passed over (named in unusable_events): the checkpoint still moves on.
          const applicable = unusable.length ? usable.filter((e) => e.position > checkpoint.position) : fresh;
          if (applicable.length) await p.apply(applicable, tx, context);
          await writeCheckpoint(tx, { name: p.name, version: p.version, position: last });
          committed.set(p.name, last);
        }
      });
    } catch (error) {
      // Rolled back: forget whatever the projections folded into memory from this batch.
      for (const context of this.contexts.values()) context.memory.clear();
      throw error;
    }
    for (const [name, position] of committed) {
      this.positions.set(name, position);
      (this.contexts.get(name) as ProjectionContext).checkpoint = position;
    }
    this.lastError = null;
    this.wake();
  }

  private wake(): void {
    const reached = this.position;
    const due = this.waiters.filter((w) => w.position <= reached);
    this.waiters = this.waiters.filter((w) => w.position > reached);
    for (const w of due) w.resolve();
  }
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
