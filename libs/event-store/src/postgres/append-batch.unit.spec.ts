import { randomUUID } from 'node:crypto';
import { ChainVerifier, GENESIS_HASH } from '../../../ledger/src/hash-chain.js';
import { contractEvent } from '../event-store.contract.js';
import { ConcurrencyError, IdempotencyConflictError } from '../event-store.errors.js';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.port.js';
import { planBatch, type KnownEvent, type StreamState } from './append-batch.js';
import type { Outcome } from './append-queue.js';
import { planAppend } from './append-request.js';

const RECORDED = '2017-10-06T00:00:00.000Z';
const call = (streamId: string, expectedRevision: ExpectedRevision, ...events: EventToAppend[]) =>
  planAppend([{ streamId, expectedRevision, events: events.length > 0 ? events : [contractEvent()] }]);

function plan(calls: ReturnType<typeof call>[], streams: Record<string, StreamState> = {}, stored: KnownEvent[] = [], position = 10) {
  const locked = new Map<string, StreamState>();
  for (const c of calls) for (const s of c.streams) locked.set(s.streamId, streams[s.streamId] ?? { revision: -1, lastHash: GENESIS_HASH });
  return planBatch({
    calls,
    streams: locked,
    stored: new Map(stored.map((k) => [k.event.eventId, k])),
    position,
    recordedAt: RECORDED,
  });
}

const value = (o: Outcome<AppendResult>): AppendResult => {
  if (!o.ok) throw o.error as Error;
  return o.value;
};

describe('deciding the calls of one batch', () => {
  it('stores passing calls in order: gap-free positions, contiguous revisions, one hash chain across calls', () => {
    const result = plan([call('s', 'no_stream'), call('t', 'any'), call('s', 0), call('s', 1, contractEvent(), contractEvent())]);
    expect(result.events.map((e) => e.event.position)).toEqual([11, 12, 13, 14, 15]);
    expect(result.outcomes.map((o) => value(o).nextRevisions)).toEqual([{ s: 0 }, { t: 0 }, { s: 1 }, { s: 3 }]);
    const s = result.events.filter((e) => e.event.streamId === 's').map((e) => e.event);
    expect(s.map((e) => e.streamRevision)).toEqual([0, 1, 2, 3]);
    expect(s[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < s.length; i += 1) expect(s[i].prevHash).toBe(s[i - 1].hash);
    expect(result.heads.get('s')).toEqual({ revision: 3, lastHash: s[3].hash });
    const verifier = new ChainVerifier();
    // A ledger of just these events, renumbered from 1, verifies.
    for (const e of result.events) verifier.add({ ...e.event, position: e.event.position - 10 });
    expect(verifier.result().problems).toEqual([]);
  });

  it('lets the first of two calls at the same expected revision win; the second gets its own ConcurrencyError', () => {
    const result = plan([call('s', 4), call('s', 4), call('t', 'any')], { s: { revision: 4, lastHash: 'f'.repeat(64) } });
    expect(value(result.outcomes[0]).events[0]).toMatchObject({ streamRevision: 5, prevHash: 'f'.repeat(64), position: 11 });
    expect(result.outcomes[1]).toEqual({ ok: false, error: new ConcurrencyError('s', 4, 5) });
    expect(result.outcomes[1].ok === false && result.outcomes[1].error).toBeInstanceOf(ConcurrencyError);
    // The refused call leaves no hole: the next call takes the next position.
    expect(value(result.outcomes[2]).events[0].position).toBe(12);
    expect(result.events).toHaveLength(2);
  });

  it('refuses no_stream on a stream an earlier call of the batch created', () => {
    const result = plan([call('s', 'no_stream'), call('s', 'no_stream')]);
    expect(result.outcomes[1]).toMatchObject({ ok: false, error: { expected: 'no_stream', actual: 0 } });
  });

  it('answers a call whose events are all stored with the same content with the stored envelopes, before revisions', () => {
    const event = contractEvent();
    const earlier = plan([call('s', 'no_stream', event)], {}, [], 2).events[0];
    const result = plan([call('s', 'no_stream', { ...event, occurredAt: '2017-10-05T01:30:00.000Z' })], { s: { revision: 7, lastHash: 'a'.repeat(64) } }, [
      { event: earlier.event, unitId: earlier.unitId },
    ]);
    expect(value(result.outcomes[0])).toEqual({ events: [earlier.event], nextRevisions: { s: 0 } });
    expect(result.events).toEqual([]);
  });

  it('refuses a stored id with other content, or mixed with new events', () => {
    const event = contractEvent();
    const earlier = plan([call('s', 'any', event)]).events[0];
    const known = [{ event: earlier.event, unitId: earlier.unitId }];
    const changed = plan([call('s', 'any', { ...event, data: { ...event.data, outcome: 'pass' } })], {}, known);
    expect(changed.outcomes[0]).toEqual({ ok: false, error: new IdempotencyConflictError(event.eventId) });
    const mixed = plan([call('s', 'any', contractEvent(), event)], {}, known);
    expect(mixed.outcomes[0].ok === false && mixed.outcomes[0].error).toBeInstanceOf(IdempotencyConflictError);
    expect(mixed.events).toEqual([]);
  });

  it('answers a later call re-sending an id an earlier call of the batch stores: same envelope, or a conflict', () => {
    const event = contractEvent();
    const id = event.eventId;
    const result = plan([
      call('s', 'any', event),
      call('s', 'any', { ...event }),
      call('elsewhere', 'any', { ...event, eventId: id.toUpperCase() }),
      call('s', 'any', { ...event, data: { ...event.data, note: 'other' } }),
    ]);
    const stored = value(result.outcomes[0]).events[0];
    expect(value(result.outcomes[1])).toEqual({ events: [stored], nextRevisions: { s: 0 } });
    expect(result.outcomes[2]).toEqual({ ok: false, error: new IdempotencyConflictError(id) }); // another stream
    expect(result.outcomes[3]).toEqual({ ok: false, error: new IdempotencyConflictError(id) });
    expect(result.events.map((e) => e.event.eventId)).toEqual([id]);
  });

  it('keeps a call with no events: it checks its revision and stores nothing', () => {
    const empty = planAppend([{ streamId: 's', expectedRevision: 'no_stream', events: [] }]);
    const result = plan([empty, call(randomUUID(), 'any')]);
    expect(value(result.outcomes[0])).toEqual({ events: [], nextRevisions: { s: -1 } });
    expect(result.events).toHaveLength(1);
  });
});
