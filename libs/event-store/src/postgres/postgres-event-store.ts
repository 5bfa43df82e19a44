// The PostgreSQL adapter of the event-store port. Ordering and integrity rules: spec/events.md §4, docs/adr/0001.
import type pg from 'pg';
import type { StoredEvent } from '../../../../events/index.js';
import { GENESIS_HASH } from '../../../ledger/src/hash-chain.js';
import type {
  AppendResult,
  EventStore,
  LedgerHead,
  ReadAllOptions,
  StreamAppend,
  SubscribeOptions,
} from '../event-store.port.js';
import { planBatch, type KnownEvent, type NewEvent, type StreamState } from './append-batch.js';
import { AppendQueue, settle, type Outcome } from './append-queue.js';
import { planAppend, type AppendRequest } from './append-request.js';
import { EVENT_COLUMNS, ISO_UTC_MILLIS, toStoredEvent, type EventRow } from './event-row.js';
import { LiveNotifier } from './live-notifier.js';
import { dollarQuoted, jsonbLiteral } from './sql-text.js';
import { withRollback } from '../../../persistence/src/transaction.js';

export const LEDGER_EVENTS_CHANNEL = 'ledger_events';

export interface PostgresEventStoreOptions {
  /** How long a caught-up follower waits without a notification before reading again (ms, default 500). */
  pollIntervalMs?: number;
  /** LISTEN for wake-ups (default true); false leaves followers on polling alone. */
  listen?: boolean;
  /** End the pool in close() (default false: whoever created the pool ends it). */
  endPoolOnClose?: boolean;
  /** Group commit: the most events one flush takes from the queue (default 5000; a bigger append goes alone). */
  maxEventsPerFlush?: number;
  /** Told after each flush of the append queue (tests, metrics). */
  onFlush?: (flush: FlushReport) => void;
}

export interface FlushReport {
  calls: number;
  events: number;
  /** How the flush ran: one call on the single-call path, one batch transaction, or a failed batch retried call by call. */
  path: 'single' | 'batch' | 'fallback';
  /** Why the batch transaction failed, when path is 'fallback'. */
  error?: unknown;
}

interface LockedStreamRow {
  stream_id: string;
  revision: number;
  last_hash: string;
}

/** The locked heads as the planner takes them. A new stream starts its chain at GENESIS_HASH (the column default
 * says the same; this does not rely on it). */
function lockedStreams(rows: LockedStreamRow[]): Map<string, StreamState> {
  return new Map(rows.map((r) => [r.stream_id, { revision: r.revision, lastHash: r.revision < 0 ? GENESIS_HASH : r.last_hash }]));
}

// unique_violation: a concurrent append stored one of our event ids in another stream (the retry finds it stored).
// serialization_failure, deadlock_detected: not expected with our lock order, but safe to retry if they happen.
const RETRYABLE = new Set(['23505', '40001', '40P01']);
const MAX_ATTEMPTS = 3;

class TwinCommittedMeanwhile extends Error {}

/** A row of twinsThenHeadLock: a stored twin, or the head allocation. */
type TwinOrHeadRow = { [K in keyof EventRow]: EventRow[K] | null } & { head_before: string | null; head_recorded_at: string | null };

function retryable(error: unknown): boolean {
  if (error instanceof TwinCommittedMeanwhile) return true;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  return RETRYABLE.has(code);
}

/**
 * Creates the stream rows that are missing, then locks them, in one order for every appender (single call or batch,
 * this process or another): no deadlock between appends. The second statement's rows are the streams' heads.
 */
function lockStreamsSql(streamIdsLiteral: string): string[] {
  return [
    `INSERT INTO streams (stream_id)
     SELECT id FROM jsonb_array_elements_text(${streamIdsLiteral}) AS id ORDER BY id COLLATE "C"
     ON CONFLICT (stream_id) DO NOTHING`,
    `SELECT stream_id, revision, last_hash FROM streams
     WHERE stream_id IN (SELECT jsonb_array_elements_text(${streamIdsLiteral}))
     ORDER BY stream_id COLLATE "C" FOR UPDATE`,
  ];
}

export class PostgresEventStore implements EventStore {
  private readonly notifier: LiveNotifier;
  private readonly pollIntervalMs: number;
  private closed = false;
  private readonly queue: AppendQueue<AppendRequest, AppendResult>;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: PostgresEventStoreOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.notifier = new LiveNotifier(pool, LEDGER_EVENTS_CHANNEL, options.listen ?? true);
    this.queue = new AppendQueue((calls) => this.flush(calls), options.maxEventsPerFlush ?? 5000);
  }

  /**
   * Group commit (docs/adr/0001): the call is queued; concurrent calls of this process are flushed together in one
   * transaction, one flush at a time, and each call still gets its own answer. A call alone takes the single-call path.
   */
  async append(appends: StreamAppend[]): Promise<AppendResult> {
    const request = planAppend(appends);
    if (request.streams.length === 0) return { events: [], nextRevisions: {} };
    return this.queue.submit(request, request.events.length);
  }

  private async flush(calls: AppendRequest[]): Promise<Outcome<AppendResult>[]> {
    const events = calls.reduce((n, c) => n + c.events.length, 0);
    let error: unknown;
    if (calls.length > 1) {
      try {
        const outcomes = await this.appendBatchOnce(calls);
        this.options.onFlush?.({ calls: calls.length, events, path: 'batch' });
        return outcomes;
      } catch (e) {
        // Not one call's fault (a twin stored by another process, a lost connection, bad input the database refused
        // without saying whose): retry each call on its own, so no call can fail or poison the others.
        error = e;
      }
    }
    const outcomes: Outcome<AppendResult>[] = [];
    for (const call of calls) outcomes.push(await settle(this.appendAlone(call)));
    this.options.onFlush?.({ calls: calls.length, events, path: calls.length > 1 ? 'fallback' : 'single', error });
    return outcomes;
  }

  /** The single-call path: one transaction for one call, retried on a conflict it can resolve by reading again. */
  private async appendAlone(request: AppendRequest): Promise<AppendResult> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.appendOnce(request);
      } catch (error) {
        if (attempt < MAX_ATTEMPTS && retryable(error)) continue;
        throw error;
      }
    }
  }

  private async appendOnce(request: AppendRequest): Promise<AppendResult> {
    return withRollback(this.pool, (client) => this.appendInTransaction(client, request));
  }

  /**
   * Two round trips on success. The first opens the transaction, locks the streams, reads any stored twins and
   * takes the head lock only if the append can go ahead; the second writes and commits. Both are simple-protocol
   * queries with inline literals (sql-text.ts), because only those carry several statements in one round trip, and
   * the time from head lock to commit bounds the append rate of the whole ledger.
   */
  private async appendInTransaction(client: pg.PoolClient, request: AppendRequest): Promise<AppendResult> {
    const streamIds = jsonbLiteral(request.streams.map((s) => s.streamId));
    const n = request.events.length;
    const statements = ['BEGIN', ...lockStreamsSql(streamIds)];
    if (n > 0) statements.push(this.twinsThenHeadLock(request));
    const results = (await client.query(statements.join(';\n'))) as unknown as pg.QueryResult[];
    const streams = lockedStreams(results[2].rows as LockedStreamRow[]);
    const lastRows = n > 0 ? (results[3].rows as TwinOrHeadRow[]) : [];
    const stored = new Map<string, KnownEvent>(
      (lastRows.filter((r) => r.event_id !== null) as EventRow[]).map((r) => [r.event_id, { event: toStoredEvent(r), unitId: r.unit_id }]),
    );
    const head = lastRows.filter((r) => r.head_before !== null) as { head_before: string; head_recorded_at: string }[];

    // A batch of one through the batch planner: the same idempotency, revision and chaining rules as group commit.
    // Without the head lock (a twin or a stale revision kept the statement from taking it) the plan stores nothing
    // unless something changed meanwhile; the position and time it was given are then never used.
    const plan = planBatch({
      calls: [request],
      streams,
      stored,
      position: head.length === 1 ? Number(head[0].head_before) : 0,
      recordedAt: head.length === 1 ? head[0].head_recorded_at : '',
    });
    const [outcome] = plan.outcomes;
    if (!outcome.ok || plan.events.length === 0) {
      // Refused, a retry of a stored append, or no event at all (which keeps the streams it created).
      await client.query(outcome.ok && n === 0 ? 'COMMIT' : 'ROLLBACK');
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    }
    // Passed here but refused by the head statement: not expected (twins and head share one snapshot, and the
    // revisions were checked under our stream locks), so treated as a race and retried rather than trusted.
    if (head.length !== 1) throw new TwinCommittedMeanwhile();
    const heads = [...plan.heads].map(([streamId, state]) => ({ streamId, ...state }));
    await this.insertAndCommit(client, head[0].head_recorded_at, plan.events, heads);
    return outcome.value;
  }

  /**
   * One statement: the stored twins of the request's ids (read after the stream locks, so a twin committed while we
   * waited for them is seen), then the head lock, taken only when there is no twin and every expected revision holds:
   * allocation is serialized, so positions are gap-free and commit in order, and a recordedAt read under it never
   * decreases along the log (docs/adr/0001). The ids are looked up once, shared by both through the CTE; a twin
   * committed after this statement's snapshot fails the insert with a unique violation, and the retry finds it.
   * Rows: one per twin (head columns null), then one head row (twin columns null) if the lock was taken.
   */
  private twinsThenHeadLock(request: AppendRequest): string {
    const n = request.events.length;
    const expected = jsonbLiteral(
      request.streams.map((s) => ({
        stream_id: s.streamId,
        revision: s.expectedRevision === 'any' ? null : s.expectedRevision === 'no_stream' ? -1 : s.expectedRevision,
      })),
    );
    return `WITH twins AS MATERIALIZED (
        SELECT ${EVENT_COLUMNS} FROM events
        WHERE event_id IN (SELECT jsonb_array_elements_text(${jsonbLiteral(request.events.map((e) => e.eventId))})::uuid)
      ), head AS (
        UPDATE ledger_head SET position = position + ${n}
        WHERE id
          AND NOT EXISTS (SELECT 1 FROM twins)
          AND NOT EXISTS (SELECT 1 FROM streams s JOIN jsonb_to_recordset(${expected}) AS x(stream_id text, revision int)
                          USING (stream_id) WHERE x.revision IS NOT NULL AND s.revision <> x.revision)
        RETURNING position - ${n} AS head_before,
          to_char(date_trunc('milliseconds', clock_timestamp()) AT TIME ZONE 'UTC', ${ISO_UTC_MILLIS}) AS head_recorded_at
      )
      SELECT * FROM twins FULL JOIN head ON false`;
  }

  /**
   * One transaction for a batch of calls, two round trips. The first locks the streams of every call (created if
   * missing, in the one sorted order), then the head, then reads the stored twins of every id: read under the head
   * lock, no twin can commit meanwhile, so a 23505 here means something unexpected and the batch falls back. Each
   * call is then decided on its own (append-batch.ts); the second round trip writes what passed and commits.
   */
  private appendBatchOnce(calls: AppendRequest[]): Promise<Outcome<AppendResult>[]> {
    return withRollback(this.pool, async (client) => {
      const json = jsonbLiteral;
      const streamIds = json([...new Set(calls.flatMap((c) => c.streams.map((s) => s.streamId)))]);
      const eventIds = json(calls.flatMap((c) => c.events.map((e) => e.eventId)));
      const results = (await client.query(
        [
          'BEGIN',
          ...lockStreamsSql(streamIds),
          // The head lock, taken whatever the calls will turn out to be (a batch almost always stores something);
          // RETURNING runs after the lock is granted, so recordedAt never decreases along the log.
          `UPDATE ledger_head SET position = position WHERE id
           RETURNING position, to_char(date_trunc('milliseconds', clock_timestamp()) AT TIME ZONE 'UTC', ${ISO_UTC_MILLIS}) AS recorded_at`,
          `SELECT ${EVENT_COLUMNS} FROM events WHERE event_id IN (SELECT jsonb_array_elements_text(${eventIds})::uuid)`,
        ].join(';\n'),
      )) as unknown as pg.QueryResult[];
      const streams = lockedStreams(results[2].rows as LockedStreamRow[]);
      const head = (results[3].rows as { position: string; recorded_at: string }[])[0];
      const stored = new Map<string, KnownEvent>(
        (results[4].rows as EventRow[]).map((r) => [r.event_id, { event: toStoredEvent(r), unitId: r.unit_id }]),
      );
      const plan = planBatch({ calls, streams, stored, position: Number(head.position), recordedAt: head.recorded_at });
      if (plan.events.length === 0) {
        // Nothing to store (every call refused, a retry or empty): nothing to keep either.
        await client.query('ROLLBACK');
      } else {
        const heads = [...plan.heads].map(([streamId, state]) => ({ streamId, ...state }));
        await this.insertAndCommit(client, head.recorded_at, plan.events, heads);
      }
      return plan.outcomes;
    });
  }

  /**
   * Rows, stream heads, ledger head, the wake-up (delivered at commit) and COMMIT in ONE round trip: this runs under
   * the head lock, whose hold time bounds the append rate. Hence a simple query with inline literals (the extended
   * protocol allows one statement per round trip); an error skips the COMMIT and the caller rolls back.
   */
  private async insertAndCommit(
    client: pg.PoolClient,
    recordedAt: string,
    fresh: NewEvent[],
    heads: ({ streamId: string } & StreamState)[],
  ): Promise<void> {
    const literal = dollarQuoted;
    const rows = fresh.map(({ event: e, occurredAtUtc, unitId }) => ({
      position: e.position,
      event_id: e.eventId,
      stream_id: e.streamId,
      stream_revision: e.streamRevision,
      type: e.type,
      schema_version: e.schemaVersion,
      occurred_at: occurredAtUtc,
      occurred_at_text: e.occurredAt,
      actor: e.actor,
      evidence: e.evidence,
      data: e.data,
      unit_id: unitId,
      hash: e.hash,
      prev_hash: e.prevHash,
    }));
    const streamHeads = heads.map((h) => ({ stream_id: h.streamId, revision: h.revision, last_hash: h.lastHash }));
    const last = fresh[fresh.length - 1].event;
    await client.query(
      `WITH inserted AS (
         INSERT INTO events (position, event_id, stream_id, stream_revision, type, schema_version, occurred_at,
                             occurred_at_text, recorded_at, actor, evidence, data, unit_id, hash, prev_hash)
         SELECT position, event_id, stream_id, stream_revision, type, schema_version, occurred_at,
                occurred_at_text, ${literal(recordedAt)}::timestamptz, actor, evidence, data, unit_id, hash, prev_hash
         FROM jsonb_to_recordset(${jsonbLiteral(rows)}) AS e(position bigint, event_id uuid,
              stream_id text, stream_revision int, type text, schema_version int, occurred_at timestamptz,
              occurred_at_text text, actor jsonb, evidence jsonb, data jsonb, unit_id text, hash text, prev_hash text)
         RETURNING 1
       ), moved AS (
         UPDATE streams SET revision = t.revision, last_hash = t.last_hash
         FROM jsonb_to_recordset(${jsonbLiteral(streamHeads)}) AS t(stream_id text, revision int, last_hash text)
         WHERE streams.stream_id = t.stream_id
         RETURNING 1
       ), head AS (
         UPDATE ledger_head SET position = ${last.position}, hash = ${literal(last.hash)} WHERE id RETURNING 1
       )
       SELECT pg_notify('${LEDGER_EVENTS_CHANNEL}', ${literal(String(last.position))});
       COMMIT`,
    );
  }

  async readStream(streamId: string, options: { fromRevision?: number; limit?: number } = {}): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_revision >= $2
       ORDER BY stream_revision LIMIT $3`,
      [streamId, options.fromRevision ?? 0, options.limit ?? null],
    );
    return rows.map(toStoredEvent);
  }

  async readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`,
      [options.after, options.limit ?? 1000],
    );
    return rows.map(toStoredEvent);
  }

  async *subscribe(options: SubscribeOptions): AsyncGenerator<StoredEvent[]> {
    const { signal } = options;
    const batchSize = options.batchSize ?? 1000;
    let checkpoint = options.after;
    await this.notifier.acquire();
    try {
      while (!signal?.aborted && !this.closed) {
        // Noted before the read: a commit landing during the read bumps it, so the wait below returns at once.
        const seen = this.notifier.seen;
        // Positions are gap-free and commit in order (see append), so "after the checkpoint" never skips a late commit.
        const batch = await this.readAll({ after: checkpoint, limit: batchSize });
        if (batch.length > 0) {
          checkpoint = batch[batch.length - 1].position;
          yield batch;
          continue;
        }
        await this.notifier.wait(seen, this.pollIntervalMs, signal);
      }
    } finally {
      this.notifier.release();
    }
  }

  async readUnit(unitId: string): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE unit_id = $1 ORDER BY position`,
      [unitId],
    );
    return rows.map(toStoredEvent);
  }

  async findByIds(eventIds: string[]): Promise<StoredEvent[]> {
    // Anything that is not a UUID cannot be stored; asking PostgreSQL would fail the whole lookup.
    const ids = eventIds.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = ANY($1::uuid[]) ORDER BY position`,
      [ids],
    );
    return rows.map(toStoredEvent);
  }

  async head(): Promise<LedgerHead> {
    const { rows } = await this.pool.query<{ position: string; hash: string | null }>(
      'SELECT position, hash FROM ledger_head WHERE id',
    );
    return { position: Number(rows[0].position), hash: rows[0].hash };
  }

  async health(): Promise<{ kind: string; ok: boolean; head?: number; detail?: string }> {
    try {
      return { kind: 'postgres', ok: true, head: (await this.head()).position };
    } catch (error) {
      return { kind: 'postgres', ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.notifier.close();
    if (this.options.endPoolOnClose) await this.pool.end();
  }
}
