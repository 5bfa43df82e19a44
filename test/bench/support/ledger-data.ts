// The seeded, realistic ledgers the rebuild, as-of and evaluator workloads run on (projections/testing/
// ledger-generator.ts), stored in a bench database of their own and cached there for --reuse.
import type { StoredEvent } from '../../../events/index.js';
import { PostgresEventStore } from '../../../libs/event-store/src/postgres/postgres-event-store.js';
import { importIntoEmptyLedger } from '../../../libs/event-store/src/postgres/import-events.js';
import { GENESIS_HASH, eventHash } from '../../../libs/ledger/src/hash-chain.js';
import { runMigrations } from '../../../libs/persistence/src/data-source.js';
import { databaseNameOf } from '../../../libs/persistence/src/database-name.js';
import { LEDGER_APP_ROLE } from '../../../libs/persistence/src/migrations/index.js';
import { createPool } from '../../../libs/persistence/src/pool.js';
import { appendGenerated, generateLedger, type GeneratorOptions } from '../../../projections/testing/ledger-generator.js';
import { queryOnce, recreateDatabase } from './database.js';

export interface LedgerSpec {
  events: number;
  units: number;
  seed?: number;
}

/**
 * The generated ledger as the store would have stored it: positions 1, 2, 3…, revisions per stream, recordedAt an
 * hour after occurredAt and never decreasing along the log, and the hash chain of spec/events.md §4 computed with the
 * ledger's own eventHash. Lazy, like the generator.
 *
 * occurredAt is made non-decreasing along the log: the generator's up-to-a-minute jitter can put a retraction a second
 * before the finding it retracts (seen at line 801,707 of the 1M ledger), which decide — and so `ledger evaluate` —
 * refuses, while the store (which does not decide) would take it.
 */
export function* storedLedger(options: GeneratorOptions): Generator<StoredEvent> {
  const streams = new Map<string, { revision: number; hash: string }>();
  let position = 0;
  let recordedMs = 0;
  let occurredMs = 0;
  for (const generated of generateLedger(options)) {
    const { unitId: _unitId, ...event } = generated;
    const stream = streams.get(event.streamId) ?? { revision: -1, hash: GENESIS_HASH };
    if (Date.parse(event.occurredAt) < occurredMs) event.occurredAt = new Date(occurredMs + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    occurredMs = Date.parse(event.occurredAt);
    recordedMs = Math.max(recordedMs, occurredMs + 3_600_000);
    position += 1;
    const unhashed = {
      ...event,
      eventId: event.eventId as string,
      position,
      streamRevision: stream.revision + 1,
      recordedAt: new Date(recordedMs).toISOString(),
      prevHash: stream.hash,
    };
    const hash = eventHash(stream.hash, unhashed);
    streams.set(event.streamId, { revision: unhashed.streamRevision, hash });
    yield { ...unhashed, hash };
  }
}

function* chunks<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

const META_TABLE = 'bench_ledger_meta';

async function describedLedger(url: string): Promise<{ head: number; spec: LedgerSpec | null } | null> {
  try {
    const [head] = await queryOnce<{ position: string }>(url, 'SELECT position FROM ledger_head');
    const meta = await queryOnce<{ events: number; units: number; seed: number }>(url, `SELECT events, units, seed FROM ${META_TABLE}`).catch(() => []);
    return { head: Number(head?.position ?? 0), spec: meta[0] ?? null };
  } catch {
    return null; // no such database or no ledger in it
  }
}

export interface PreparedLedger {
  url: string;
  reused: boolean;
  /** Generation time (0 when reused). */
  seconds: number;
}

/**
 * Makes `url` hold exactly the generated ledger of `spec`: reused when `reuse` is set and the database already holds
 * it (same events, units and seed), else dropped, re-created, migrated and filled. `via: 'import'` writes the hashed
 * ledger through importIntoEmptyLedger (one transaction, fast); `via: 'append'` appends it through the store in
 * bulk appends of `chunk` events. `reuseWhenHeadAtLeast` accepts any ledger at least that long (for databases made
 * before the meta table existed).
 */
export async function prepareLedgerDatabase(
  url: string,
  spec: LedgerSpec,
  options: { reuse: boolean; via: 'import' | 'append'; chunk?: number; log?: (line: string) => void; reuseWhenHeadAtLeast?: boolean },
): Promise<PreparedLedger> {
  const log = options.log ?? (() => undefined);
  const seed = spec.seed ?? 2017;
  if (options.reuse) {
    const found = await describedLedger(url);
    const same = found?.spec && found.spec.events === spec.events && found.spec.units === spec.units && found.spec.seed === seed;
    if (found && (same || (options.reuseWhenHeadAtLeast && found.head >= spec.events))) {
      log(`reusing ${found.head} events in ${databaseNameOf(url)}`);
      return { url, reused: true, seconds: 0 };
    }
  }
  await recreateDatabase(url);
  await runMigrations(url);
  const pool = createPool(url, { appRole: LEDGER_APP_ROLE, max: 4 });
  const started = performance.now();
  const generator = { events: spec.events, units: spec.units, seed };
  try {
    if (options.via === 'import') {
      await importIntoEmptyLedger(pool, chunks(storedLedger(generator), options.chunk ?? 5000));
    } else {
      const store = new PostgresEventStore(pool, { listen: false });
      try {
        await appendGenerated(store, generateLedger(generator), options.chunk ?? 1000, (n) => {
          if (n % 100_000 === 0) log(`  appended ${n}`);
        });
      } finally {
        await store.close();
      }
    }
  } finally {
    await pool.end();
  }
  const seconds = (performance.now() - started) / 1000;
  await queryOnce(url, `CREATE TABLE ${META_TABLE} (events int, units int, seed int); INSERT INTO ${META_TABLE} VALUES (${spec.events}, ${spec.units}, ${seed})`);
  // A ledger that has been running a while has been vacuumed and analysed; so is this one before anything reads it.
  await queryOnce(url, 'VACUUM ANALYZE');
  log(`generated ${spec.events} events over ${spec.units} units in ${databaseNameOf(url)} (${options.via}) in ${seconds.toFixed(1)} s`);
  return { url, reused: false, seconds };
}
