// Store-level append workloads shared by test/bench/append-rate.ts and test/bench/append.bench.ts: the same events,
// the same writers, on our PostgreSQL store and on a raw multi-row INSERT into a copy of the events table.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { EventToAppend } from '../../../libs/event-store/src/event-store.port.js';
import type { PostgresEventStore } from '../../../libs/event-store/src/postgres/postgres-event-store.js';
import { seconds } from './time.js';

export function benchEvent(w: number, i: number, of: number): EventToAppend {
  return {
    eventId: randomUUID(),
    type: 'MetricMeasured',
    schemaVersion: 1,
    occurredAt: '2017-10-05T09:30:00+08:00',
    actor: { unitId: 'bench', userId: 'bench' },
    evidence: [{ kind: 'system-record', ref: `bench-${w}-${i}` }],
    data: { unitId: `unit-${w}`, indicator: '2.2', numerator: i, denominator: of },
    unitId: `unit-${w}`,
  };
}

/** How many appends each writer makes so that `writers` writers of `batch` events append about `total` events. */
export function appendsPerWriter(writers: number, total: number, batch: number): number {
  return Math.max(1, Math.ceil(total / writers / batch));
}

/** `writers` concurrent writers, each on its own stream with an exact expected revision, `batch` events per append. */
export async function measureStoreAppends(store: PostgresEventStore, writers: number, total: number, batch = 1): Promise<number> {
  const run = randomUUID().slice(0, 8);
  const appendsEach = appendsPerWriter(writers, total, batch);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const streamId = `bench-${run}-${w}`;
      for (let i = 0; i < appendsEach; i += 1) {
        await store.append([
          {
            streamId,
            expectedRevision: i === 0 ? 'no_stream' : i * batch - 1,
            events: Array.from({ length: batch }, (_, k) => benchEvent(w, i * batch + k, appendsEach * batch)),
          },
        ]);
      }
    }),
  );
  return (appendsEach * batch * writers) / seconds(started);
}

export const RAW_TABLE = 'bench_raw_events';
const FAKE_HASH = 'f'.repeat(64);

/**
 * The raw table: `events-like` is a copy of the events table with the same columns, constraints and indexes
 * (LIKE … INCLUDING ALL, no triggers); `plain` is the earlier floor of append-rate.ts, a bigserial key and the
 * content columns only (no revision, hashes, recorded_at, unit index).
 */
export type RawTable = 'events-like' | 'plain';

export async function createRawTable(client: pg.ClientBase, table: RawTable = 'events-like'): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${RAW_TABLE}`);
  await client.query(
    table === 'events-like'
      ? `CREATE TABLE ${RAW_TABLE} (LIKE events INCLUDING ALL)`
      : `CREATE TABLE ${RAW_TABLE} (position bigserial PRIMARY KEY, event_id uuid NOT NULL UNIQUE, stream_id text NOT NULL,
           stream_revision int, type text NOT NULL, schema_version int NOT NULL, occurred_at timestamptz NOT NULL,
           occurred_at_text text, recorded_at timestamptz, actor jsonb NOT NULL, evidence jsonb NOT NULL, data jsonb NOT NULL,
           unit_id text, hash text, prev_hash text)`,
  );
}

/**
 * The floor no event store can beat: the same rows as one multi-row INSERT per append into the copy of the events
 * table, as the owner, positions from a counter in this process: no lock, no hash, no check, no stream head.
 * `writers` concurrent writers (a connection each), `batch` rows per INSERT. Needs the migrated ledger schema.
 */
export async function measureRawInsert(url: string, writers: number, total: number, batch: number, table: RawTable = 'events-like'): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: writers });
  try {
    const setup = await pool.connect();
    try {
      await createRawTable(setup, table);
    } finally {
      setup.release();
    }
    const appendsEach = appendsPerWriter(writers, total, batch);
    let position = 0;
    const recordedAt = new Date().toISOString();
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < appendsEach; i += 1) {
          const rows = Array.from({ length: batch }, (_, k) => {
            const e = benchEvent(w, i * batch + k, appendsEach * batch);
            position += 1;
            return {
              // plain: the bigserial numbers the row (a null would be refused by the NOT NULL of the key)
              ...(table === 'events-like' ? { position } : {}),
              event_id: e.eventId,
              stream_id: `raw-${w}`,
              stream_revision: i * batch + k,
              type: e.type,
              schema_version: e.schemaVersion,
              occurred_at: e.occurredAt,
              occurred_at_text: e.occurredAt,
              recorded_at: recordedAt,
              actor: e.actor,
              evidence: e.evidence,
              data: e.data,
              unit_id: e.unitId,
              hash: FAKE_HASH,
              prev_hash: FAKE_HASH,
            };
          });
          const positionColumn = table === 'events-like' ? 'position, ' : '';
          await pool.query(
            `INSERT INTO ${RAW_TABLE} (${positionColumn}event_id, stream_id, stream_revision, type, schema_version, occurred_at,
                                      occurred_at_text, recorded_at, actor, evidence, data, unit_id, hash, prev_hash)
             SELECT ${positionColumn}event_id, stream_id, stream_revision, type, schema_version, occurred_at, occurred_at_text,
                    recorded_at, actor, evidence, data, unit_id, hash, prev_hash
             FROM jsonb_to_recordset($1::jsonb) AS e(position bigint, event_id uuid, stream_id text,
               stream_revision int, type text, schema_version int, occurred_at timestamptz, occurred_at_text text,
               recorded_at timestamptz, actor jsonb, evidence jsonb, data jsonb, unit_id text, hash text, prev_hash text)`,
            [JSON.stringify(rows)],
          );
        }
      }),
    );
    const rate = (appendsEach * batch * writers) / seconds(started);
    await pool.query(`DROP TABLE ${RAW_TABLE}`);
    return rate;
  } finally {
    await pool.end();
  }
}
