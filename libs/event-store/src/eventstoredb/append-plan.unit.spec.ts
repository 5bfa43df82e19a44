import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '../../../../events/index.js';
import { eventHash, GENESIS_HASH } from '../../../ledger/src/hash-chain.js';
import { ConcurrencyError, IdempotencyConflictError } from '../event-store.errors.js';
import type { EventToAppend } from '../event-store.port.js';
import { planAppend, type AppendPlan } from './append-plan.js';
import type { ReadLedgerEvent } from './envelope-mapping.js';

const NOW = new Date('2017-10-06T03:02:13.120Z');

function request(overrides: Partial<EventToAppend> = {}): EventToAppend {
  return {
    eventId: randomUUID(),
    type: 'SpotCheckRecorded',
    schemaVersion: 1,
    occurredAt: '2017-10-05T09:30:00+08:00',
    actor: { unitId: 'admin-service-centre', userId: 'inspector-07' },
    evidence: [{ kind: 'document', ref: 'a.pdf', sha256: 'a'.repeat(64) }],
    data: { unitId: 'haibin-street', indicator: '3.5', outcome: 'fail' },
    unitId: 'haibin-street',
    ...overrides,
  };
}

/** The plan's inputs for a stream holding `events`, for a request whose ids are looked up among them. */
function from(events: ReadLedgerEvent[], ids: string[] = []) {
  const wanted = new Set(ids.map((id) => id.toLowerCase()));
  return { tail: events[events.length - 1], stored: events.filter((e) => wanted.has(e.event.eventId)) };
}

function written(plan: AppendPlan, firstPosition = 1000): ReadLedgerEvent[] {
  if (plan.kind !== 'write') throw new Error('expected a write');
  return plan.events.map(({ unitId, ...event }, i) => ({ event: { ...event, position: firstPosition + i * 100 } as StoredEvent, unitId }));
}

const streamId = 'unit-haibin-street';

describe('planAppend', () => {
  it('starts a stream on the genesis hash, chaining its events in order', () => {
    const plan = planAppend({ streamId, expectedRevision: 'no_stream', events: [request(), request()], ...from([]), now: NOW });
    expect(plan.kind).toBe('write');
    if (plan.kind !== 'write') return;
    expect(plan.appendAfter).toBe('no_stream');
    const [a, b] = plan.events;
    expect(a).toMatchObject({ streamId, streamRevision: 0, prevHash: GENESIS_HASH, recordedAt: '2017-10-06T03:02:13.120Z' });
    expect(a!.hash).toBe(eventHash(GENESIS_HASH, a!));
    expect(b).toMatchObject({ streamRevision: 1, prevHash: a!.hash });
    expect(b!.hash).toBe(eventHash(a!.hash, b!));
  });

  it('continues the chain from the stream tail and appends after its exact revision', () => {
    const first = written(planAppend({ streamId, expectedRevision: 'no_stream', events: [request()], ...from([]), now: NOW }));
    for (const expectedRevision of [0, 'any'] as const) {
      const plan = planAppend({ streamId, expectedRevision, events: [request()], ...from(first), now: NOW });
      expect(plan).toMatchObject({ kind: 'write', appendAfter: 0 });
      if (plan.kind === 'write') expect(plan.events[0]).toMatchObject({ streamRevision: 1, prevHash: first[0]!.event.hash });
    }
  });

  it('never lets recordedAt go back within a stream when the clock does', () => {
    const first = written(planAppend({ streamId, expectedRevision: 'no_stream', events: [request()], ...from([]), now: NOW }));
    const plan = planAppend({ streamId, expectedRevision: 0, events: [request()], ...from(first), now: new Date(NOW.getTime() - 5000) });
    if (plan.kind === 'write') expect(plan.events[0]!.recordedAt).toBe(NOW.toISOString());
  });

  it('refuses a stale expected revision with what is there', () => {
    const first = written(planAppend({ streamId, expectedRevision: 'no_stream', events: [request()], ...from([]), now: NOW }));
    const attempt = (expectedRevision: 'no_stream' | number, stream: ReadLedgerEvent[]) => () =>
      planAppend({ streamId, expectedRevision, events: [request()], ...from(stream), now: NOW });
    expect(attempt('no_stream', first)).toThrow(ConcurrencyError);
    expect(attempt(5, first)).toThrow(expect.objectContaining({ expected: 5, actual: 0 }));
    expect(attempt(0, [])).toThrow(expect.objectContaining({ expected: 0, actual: 'no_stream' }));
  });

  it('answers a retry with the events stored the first time, even when the stream moved on', () => {
    const event = request();
    const first = written(planAppend({ streamId, expectedRevision: 'no_stream', events: [event], ...from([]), now: NOW }));
    const later = written(planAppend({ streamId, expectedRevision: 0, events: [request()], ...from(first), now: NOW }), 2000);
    const retry = planAppend({
      streamId,
      expectedRevision: 'no_stream',
      events: [{ ...event, eventId: event.eventId.toUpperCase(), occurredAt: '2017-10-05T01:30:00.000Z' }],
      ...from([...first, ...later], [event.eventId]),
      now: NOW,
    });
    expect(retry).toEqual({ kind: 'already-stored', events: [first[0]!.event], lastRevision: 0 });
  });

  it('refuses a known id with other content, mixed with new events, or stored in another stream', () => {
    const event = request();
    const first = written(planAppend({ streamId, expectedRevision: 'no_stream', events: [event], ...from([]), now: NOW }));
    const plan = (events: EventToAppend[], target = streamId) => () =>
      planAppend({ streamId: target, expectedRevision: 'any', events, ...from(first, events.map((e) => e.eventId)), now: NOW });
    expect(plan([{ ...event, data: { ...event.data, outcome: 'pass' } }])).toThrow(IdempotencyConflictError);
    expect(plan([event, request()])).toThrow(expect.objectContaining({ eventId: event.eventId }));
    expect(plan([event], 'unit-elsewhere')).toThrow(IdempotencyConflictError);
  });

  it('refuses ids that are not UUIDs or appear twice, as the PostgreSQL adapter does', () => {
    const event = request();
    expect(() => planAppend({ streamId, expectedRevision: 'any', events: [request({ eventId: 'x' })], ...from([]), now: NOW })).toThrow(
      /is not a UUID/,
    );
    expect(() => planAppend({ streamId, expectedRevision: 'any', events: [event, event], ...from([]), now: NOW })).toThrow(/appears twice/);
  });

  it('hashes ids in lower case and payloads as JSON will give them back', () => {
    const event = request({ eventId: randomUUID().toUpperCase(), data: { unitId: 'haibin-street', note: undefined, n: -0 } });
    const plan = planAppend({ streamId, expectedRevision: 'any', events: [event], ...from([]), now: NOW });
    if (plan.kind !== 'write') throw new Error('expected a write');
    const stored = plan.events[0]!;
    expect(stored.eventId).toBe(event.eventId.toLowerCase());
    expect(stored.data).toEqual({ unitId: 'haibin-street', n: 0 });
    const readBack = JSON.parse(JSON.stringify(stored));
    expect(eventHash(readBack.prevHash, readBack)).toBe(stored.hash);
  });
});
