// What a read model is to the projector: a name, a version whose bump forces a rebuild, an idempotent `apply` of a
// batch inside the projector's transaction, and a `reset` that empties its rows. The projector owns transactions and
// checkpoints; a projection only writes its own tables through the transaction it is handed.
import type pg from 'pg';
import type { StoredEvent } from '../../events/index.js';
import type { EventStore } from '../../libs/event-store/src/event-store.port.js';

/** Anything that runs a query: a pg Pool (queries) or a checked-out client inside a transaction (apply, reset). */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** A transaction's client. Projections write in bulk (unnest) through plain SQL: TypeORM's row-by-row saves are too slow for a rebuild. */
export type ProjectionTx = Queryable;

/**
 * Working memory of one projection for one projector run or one rebuild (e.g. per-unit evaluation state).
 * The projector clears it whenever a transaction fails, so memory never runs ahead of the committed rows.
 */
export class ProjectionMemory {
  private readonly slots = new Map<string, unknown>();

  get<T>(key: string, init: () => T): T {
    if (!this.slots.has(key)) this.slots.set(key, init());
    return this.slots.get(key) as T;
  }

  clear(): void {
    this.slots.clear();
  }
}

export interface ProjectionContext {
  store: EventStore;
  memory: ProjectionMemory;
  /**
   * 'live': each batch must leave complete rows (its checkpoint commits with it).
   * 'rebuild': the projection may defer work to `finish`, which the rebuild calls once, last, in the transaction that
   * writes this projection's checkpoint.
   */
  mode: 'live' | 'rebuild';
  /** The checkpoint this projection had before the batch (0 after a reset). */
  checkpoint: number;
}

export interface Projection {
  /** Stable; the key of its checkpoint row. */
  readonly name: string;
  /** Bump when the rows' meaning or shape changes: the projector rebuilds the projection at its next start. */
  readonly version: number;
  /**
   * Folds the events (position order, all above the checkpoint) into the read model. Must be idempotent per event:
   * applying an event that is already in the rows changes nothing.
   */
  apply(batch: readonly StoredEvent[], tx: ProjectionTx, context: ProjectionContext): Promise<void>;
  /** Deletes every row of the read model (and writes whatever a model holds before any event). */
  reset(tx: ProjectionTx, context: ProjectionContext): Promise<void>;
  /** Rebuild only: writes what `apply` deferred. */
  finish?(tx: ProjectionTx, context: ProjectionContext): Promise<void>;
}
