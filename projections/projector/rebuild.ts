// Rebuild from zero: empty the chosen read models and their checkpoints in one transaction, then replay the whole log
// in large batches. Reads run one batch ahead of writes, so the database reads and writes overlap.
// Run it with the projector stopped (the CLI does; Projector.start calls it before it subscribes).
import type pg from 'pg';
import type { StoredEvent } from '../../events/index.js';
import type { EventStore } from '../../libs/event-store/src/event-store.port.js';
import { inTransaction } from '../../libs/persistence/src/transaction.js';
import { writeCheckpoint } from './checkpoints.js';
import { ProjectionMemory, type Projection, type ProjectionContext } from './projection.js';
import { recordUnusable, splitUnusable } from './unusable-events.js';

export interface ProjectionDeps {
  store: EventStore;
  /** A pg Pool on the read-model database (the same database as the store in the PostgreSQL set-up). */
  pool: pg.Pool;
  projections: readonly Projection[];
}

export interface RebuildOptions {
  /** Only these projections (default: all of deps.projections). */
  names?: string[];
  /** Events per read and per write transaction (default 5000). */
  batchSize?: number;
  /** After each batch: events replayed so far and the ledger head when the rebuild started (it may grow). */
  onProgress?: (done: number, total: number) => void;
  /** Batches read ahead of the slowest projection's writes (default 2). */
  window?: number;
}

export interface RebuildReport {
  projections: string[];
  events: number;
  position: number;
  millis: number;
}

export function selectProjections(all: readonly Projection[], names?: string[]): Projection[] {
  if (!names) return [...all];
  const unknown = names.filter((n) => !all.some((p) => p.name === n));
  if (unknown.length) throw new Error(`unknown projection(s): ${unknown.join(', ')} (known: ${all.map((p) => p.name).join(', ')})`);
  return all.filter((p) => names.includes(p.name));
}

export async function rebuildProjections(deps: ProjectionDeps, options: RebuildOptions = {}): Promise<RebuildReport> {
  const started = performance.now();
  const projections = selectProjections(deps.projections, options.names);
  const batchSize = options.batchSize ?? 5000;
  const contexts = new Map<string, ProjectionContext>(
    projections.map((p) => [p.name, { store: deps.store, memory: new ProjectionMemory(), mode: 'rebuild', checkpoint: 0 }]),
  );
  const contextOf = (p: Projection) => contexts.get(p.name) as ProjectionContext;

  await inTransaction(deps.pool, async (tx) => {
    for (const p of projections) {
      await p.reset(tx, contextOf(p));
      await writeCheckpoint(tx, { name: p.name, version: p.version, position: 0 });
    }
  });

  const total = (await deps.store.head()).position;
  let done = 0;
  let position = 0;
  // Each projection writes its batches in order on its own connection, in its own transactions (its rows and its
  // checkpoint together), so the projections' writes and the next read overlap. At most `window` batches are in
  // flight, which bounds memory.
  const window = options.window ?? 2;
  const chains = new Map<string, Promise<void>>(projections.map((p) => [p.name, Promise.resolve()]));
  const inFlight: Promise<void>[] = [];
  let next: Promise<StoredEvent[]> = deps.store.readAll({ after: 0, limit: batchSize });
  for (;;) {
    const read = await next;
    if (read.length === 0) break;
    const last = read[read.length - 1].position;
    // Events no read model can use are passed over and named (unusable_events), never a failed rebuild.
    const { usable, unusable } = splitUnusable(read);
    const batch = unusable.length ? usable : read;
    if (unusable.length) await recordUnusable(deps.pool, unusable);
    next = deps.store.readAll({ after: last, limit: batchSize });
    // An unhandled rejection of the read-ahead would crash the process if a write throws first.
    next.catch(() => undefined);
    const writes = projections.map((p) => {
      const written = (chains.get(p.name) as Promise<void>).then(() =>
        inTransaction(deps.pool, async (tx) => {
          const context = contextOf(p);
          if (batch.length) await p.apply(batch, tx, context);
          // A projection that defers work keeps checkpoint 0 until `finish` has written its rows.
          if (!p.finish) await writeCheckpoint(tx, { name: p.name, version: p.version, position: last });
          context.checkpoint = last;
        }),
      );
      chains.set(p.name, written);
      return written;
    });
    const settled = Promise.all(writes).then(() => {
      done += read.length;
      position = Math.max(position, last);
      options.onProgress?.(done, Math.max(total, position));
    });
    settled.catch(() => undefined);
    inFlight.push(settled);
    if (inFlight.length >= window) await inFlight.shift();
  }
  await Promise.all(inFlight);

  const finishing = projections.filter((p) => p.finish);
  if (finishing.length) {
    await inTransaction(deps.pool, async (tx) => {
      for (const p of finishing) {
        await p.finish?.(tx, contextOf(p));
        await writeCheckpoint(tx, { name: p.name, version: p.version, position });
      }
    });
  }
  return { projections: projections.map((p) => p.name), events: done, position, millis: performance.now() - started };
}
