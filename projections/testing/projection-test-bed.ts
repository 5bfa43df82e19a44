// A real PostgreSQL for projector tests: a fresh database (test/setup), migrated, the app-role pool, the real
// PostgresEventStore, and helpers to append scenarios and to snapshot every read-model table.
import type pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../test/setup/test-database.js';
import type { StoredEvent } from '../../events/index.js';
import type { EventToAppend } from '../../libs/event-store/src/event-store.port.js';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store.js';
import { streamIdFor, unitIdOf } from '../../libs/ledger/src/index.js';
import { runMigrations } from '../../libs/persistence/src/data-source.js';
import { LEDGER_APP_ROLE } from '../../libs/persistence/src/migrations/index.js';
import { createPool } from '../../libs/persistence/src/pool.js';
import { inTransaction } from '../../libs/persistence/src/transaction.js';
import { ProjectionMemory, type Projection, type ProjectionContext } from '../projector/projection.js';

export interface ProjectionTestBed {
  db: TestDatabase;
  pool: pg.Pool;
  store: PostgresEventStore;
  close(): Promise<void>;
}

export async function openTestBed(label: string): Promise<ProjectionTestBed> {
  const db = await createTestDatabase(label);
  await runMigrations(db.url);
  const pool = createPool(db.url, { appRole: LEDGER_APP_ROLE, max: 8 });
  const store = new PostgresEventStore(pool, { pollIntervalMs: 20 });
  return {
    db,
    pool,
    store,
    close: async () => {
      await store.close();
      await pool.end();
      await db.drop();
    },
  };
}

let counter = 0;
/** A deterministic UUID per call, distinct within a test file. */
export function nextEventId(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
}

/** An event for the store; evidence on everything but reference data, stream and unit from the ledger's rules. */
export function ledgerEvent(
  type: string,
  data: Record<string, unknown>,
  actorUnitId: string,
  occurredAt: string,
  eventId = nextEventId(),
): EventToAppend & { streamId: string } {
  const reference = ['AssessmentOpened', 'UnitRegistered', 'SelfAssessmentSubmitted', 'ResultsPublished'].includes(type);
  return {
    eventId,
    type,
    schemaVersion: 1,
    occurredAt,
    actor: { unitId: actorUnitId, userId: `${actorUnitId}-user` },
    evidence: reference ? [] : [{ kind: 'system-record', ref: `record-${eventId.slice(-6)}` }],
    data,
    unitId: unitIdOf({ type, data }),
    streamId: streamIdFor({ type, data }),
  };
}

/** Appends events one stream-group at a time, in the order given; returns them as stored. */
export async function appendAll(store: PostgresEventStore, events: (EventToAppend & { streamId: string })[]): Promise<StoredEvent[]> {
  const stored: StoredEvent[] = [];
  for (const e of events) {
    const { streamId, ...event } = e;
    const result = await store.append([{ streamId, expectedRevision: 'any', events: [event] }]);
    stored.push(...result.events);
  }
  return stored;
}

/** Applies a batch to one projection in one transaction, as the projector would (live mode). */
export async function applyDirectly(
  bed: ProjectionTestBed,
  projection: Projection,
  batch: readonly StoredEvent[],
  context: Partial<ProjectionContext> = {},
): Promise<void> {
  const full: ProjectionContext = { store: bed.store, memory: new ProjectionMemory(), mode: 'live', checkpoint: 0, ...context };
  await inTransaction(bed.pool, (tx) => projection.apply(batch, tx, full));
}

const SNAPSHOT_ORDER: Record<string, string> = {
  evidence_index: 'position',
  disputes: 'unit_id, dispute_id',
  unit_scores: 'unit_id',
  unit_indicator_scores: 'unit_id, indicator',
  projection_checkpoints: 'name',
};

/** Every row of a read-model table, in a stable order, as JSON-comparable values. */
export async function snapshot(pool: pg.Pool, table: keyof typeof SNAPSHOT_ORDER | string): Promise<unknown[]> {
  const { rows } = await pool.query(`SELECT * FROM ${table} ORDER BY ${SNAPSHOT_ORDER[table]}`);
  return rows.map((row: Record<string, unknown>) => {
    const copy: Record<string, unknown> = { ...row };
    delete copy.updated_at;
    return JSON.parse(JSON.stringify(copy)) as unknown;
  });
}

/** Polls until `check` holds or the deadline passes (never a fixed sleep). */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
