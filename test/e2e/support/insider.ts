// What a database superuser can do behind the application (integrity.md "Why"): rewrite an event and recompute
// its stream's chain exactly as events.md §4 says, or cut the tail of the log, fixing every head so that
// `ledger verify` still passes. Only tests use this.
import pg from 'pg';
import type { StoredEvent } from '../../../events/index.js';
import { EVENT_COLUMNS, toStoredEvent, type EventRow } from '../../../libs/event-store/src/postgres/event-row.js';
import { eventHash } from '../../../libs/ledger/src/hash-chain.js';

async function asSuperuser<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE events DISABLE TRIGGER USER');
    const result = await work(client);
    await client.query('ALTER TABLE events ENABLE TRIGGER USER');
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}

/** Changes one event's data and re-hashes it and every later event of its stream (prevHash ‖ canonical JSON). */
export function rewriteEvent(url: string, eventId: string, change: (data: Record<string, unknown>) => Record<string, unknown>): Promise<StoredEvent> {
  return asSuperuser(url, async (c) => {
    const target = (await c.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = $1`, [eventId])).rows[0];
    const stream = (await c.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_revision >= $2 ORDER BY stream_revision`, [target.stream_id, target.stream_revision])).rows.map(toStoredEvent);
    let prevHash = stream[0].prevHash;
    let changed: StoredEvent | undefined;
    for (const e of stream) {
      const next = { ...e, prevHash, data: e.eventId === eventId ? change(e.data) : e.data };
      next.hash = eventHash(prevHash, next);
      await c.query('UPDATE events SET data = $2, prev_hash = $3, hash = $4 WHERE event_id = $1', [e.eventId, JSON.stringify(next.data), next.prevHash, next.hash]);
      if (e.eventId === eventId) changed = next;
      prevHash = next.hash;
    }
    await c.query('UPDATE streams SET last_hash = $2 WHERE stream_id = $1', [target.stream_id, prevHash]);
    await c.query('UPDATE ledger_head SET hash = (SELECT hash FROM events WHERE position = ledger_head.position)');
    return changed!;
  });
}

/** Deletes every event after `keep` and moves the stream heads and the ledger head back. */
export function cutTail(url: string, keep: number): Promise<void> {
  return asSuperuser(url, async (c) => {
    await c.query('DELETE FROM events WHERE position > $1', [keep]);
    await c.query(`UPDATE streams s SET revision = coalesce(l.stream_revision, -1), last_hash = coalesce(l.hash, repeat('0', 64))
                   FROM streams s2 LEFT JOIN LATERAL (SELECT stream_revision, hash FROM events e WHERE e.stream_id = s2.stream_id ORDER BY stream_revision DESC LIMIT 1) l ON true
                   WHERE s.stream_id = s2.stream_id`);
    await c.query('UPDATE ledger_head SET position = $1, hash = (SELECT hash FROM events WHERE position = $1)', [keep]);
  });
}
