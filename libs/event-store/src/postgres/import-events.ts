// Restores an export into an EMPTY PostgreSQL ledger, keeping each event's position, stream revision, recordedAt
// and hashes (events.md §1: recordedAt is kept on an offline import). It bypasses append's allocation on purpose,
// so it guards what allocation would have guaranteed: the ledger is empty, positions run 1, 2, 3…, revisions run
// 0, 1, 2… per stream and each prevHash is the stream's previous hash. Recomputing every hash from the content is the
// caller's check (it must refuse a tampered file before anything is stored, naming the line); `ledger verify` can
// repeat it afterwards. All batches go in ONE transaction: a refused or broken import leaves the ledger empty.
import type pg from 'pg';
import type { StoredEvent } from '../../../../events/index.js';
import { GENESIS_HASH } from '../../../ledger/src/hash-chain.js';
import { utcMillis } from '../../../ledger/src/canonical-json.js';
import { unitIdOf } from '../../../ledger/src/stream-ids.js';
import { LEDGER_EVENTS_CHANNEL } from './postgres-event-store.js';
import { inTransaction } from '../../../persistence/src/transaction.js';

export class LedgerNotEmptyError extends Error {
  override readonly name = 'LedgerNotEmptyError';
  constructor(readonly head: number) {
    super(`the ledger is not empty (its head is at position ${head}): import restores into an empty ledger only`);
  }
}

export class ImportRefusedError extends Error {
  override readonly name = 'ImportRefusedError';
}

export interface ImportResult {
  events: number;
  streams: number;
  head: { position: number; hash: string | null };
}

type Batches = AsyncIterable<readonly StoredEvent[]> | Iterable<readonly StoredEvent[]>;

export function importIntoEmptyLedger(pool: pg.Pool, batches: Batches): Promise<ImportResult> {
  return inTransaction(pool, (client) => importInTransaction(client, batches));
}

async function importInTransaction(client: pg.PoolClient, batches: Batches): Promise<ImportResult> {
  // The head lock first: concurrent appends wait for us and then find a non-empty ledger.
  const head = await client.query<{ position: string }>('SELECT position FROM ledger_head WHERE id FOR UPDATE');
  const { rows: any } = await client.query('SELECT 1 FROM events LIMIT 1');
  const position = Number(head.rows[0].position);
  if (position !== 0 || any.length > 0) throw new LedgerNotEmptyError(position);

  const streams = new Map<string, { revision: number; hash: string }>();
  let last: StoredEvent | undefined;
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    for (const event of batch) {
      const expected = (last?.position ?? 0) + 1;
      if (event.position !== expected) throw new ImportRefusedError(`position ${event.position} where ${expected} was due: positions must run 1, 2, 3… without a gap`);
      const stream = streams.get(event.streamId) ?? { revision: -1, hash: GENESIS_HASH };
      if (event.streamRevision !== stream.revision + 1 || event.prevHash !== stream.hash) {
        throw new ImportRefusedError(`position ${event.position}: does not continue stream ${event.streamId} (revision ${stream.revision}, hash ${stream.hash})`);
      }
      streams.set(event.streamId, { revision: event.streamRevision, hash: event.hash });
      last = event;
    }
    const rows = batch.map((e) => ({
      position: e.position,
      event_id: e.eventId,
      stream_id: e.streamId,
      stream_revision: e.streamRevision,
      type: e.type,
      schema_version: e.schemaVersion,
      occurred_at: utcMillis(e.occurredAt),
      occurred_at_text: e.occurredAt,
      recorded_at: utcMillis(e.recordedAt),
      actor: e.actor,
      evidence: e.evidence,
      data: e.data,
      unit_id: unitIdOf(e),
      hash: e.hash,
      prev_hash: e.prevHash,
    }));
    // One statement per batch; the JSON goes as a parameter, so no row count limit of bind parameters applies.
    await client.query(
      `INSERT INTO events (position, event_id, stream_id, stream_revision, type, schema_version, occurred_at,
                           occurred_at_text, recorded_at, actor, evidence, data, unit_id, hash, prev_hash)
       SELECT position, event_id, stream_id, stream_revision, type, schema_version, occurred_at,
              occurred_at_text, recorded_at, actor, evidence, data, unit_id, hash, prev_hash
       FROM jsonb_to_recordset($1::jsonb) AS e(position bigint, event_id uuid, stream_id text, stream_revision int,
            type text, schema_version int, occurred_at timestamptz, occurred_at_text text, recorded_at timestamptz,
            actor jsonb, evidence jsonb, data jsonb, unit_id text, hash text, prev_hash text)`,
      [JSON.stringify(rows)],
    );
  }
  if (last === undefined) return { events: 0, streams: 0, head: { position: 0, hash: null } };

  const heads = [...streams].map(([stream_id, s]) => ({ stream_id, revision: s.revision, last_hash: s.hash }));
  await client.query(
    `INSERT INTO streams (stream_id, revision, last_hash)
     SELECT stream_id, revision, last_hash FROM jsonb_to_recordset($1::jsonb) AS t(stream_id text, revision int, last_hash text)
     ON CONFLICT (stream_id) DO UPDATE SET revision = EXCLUDED.revision, last_hash = EXCLUDED.last_hash`,
    [JSON.stringify(heads)],
  );
  await client.query('UPDATE ledger_head SET position = $1, hash = $2 WHERE id', [last.position, last.hash]);
  // Delivered at commit: followers (projector, live subscriptions) read the imported log at once.
  await client.query(`SELECT pg_notify('${LEDGER_EVENTS_CHANNEL}', $1)`, [String(last.position)]);
  return { events: last.position, streams: streams.size, head: { position: last.position, hash: last.hash } };
}
