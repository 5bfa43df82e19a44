// The contract every EventStore adapter must pass, written once. An adapter's *.int.spec.ts calls
// describeEventStoreContract with a set-up that gives a store on an empty ledger.
// Jest's functions come from the globals of the running test, not from an import of '@jest/globals', so this module
// can be exported by the library index and loaded outside Jest without side effects.
import { randomUUID } from 'node:crypto';
import type * as JestGlobals from '@jest/globals';
import type { StoredEvent } from '../../../events/index.js';
import { ChainVerifier, GENESIS_HASH, eventHash } from '../../ledger/src/hash-chain.js';
import { ConcurrencyError, IdempotencyConflictError } from './event-store.errors.js';
import type { EventStore, EventToAppend, ExpectedRevision } from './event-store.port.js';

export interface ContractSubject {
  store: EventStore;
  /** Alters the stored data of the event at a position behind the application's back (adapters that can). */
  tamper?: (position: number) => Promise<void>;
  teardown: () => Promise<void>;
  /** What the adapter cannot do by design (EventStoreDB has no transaction across streams); default: everything. */
  capabilities?: { multiStreamAppend?: boolean };
}

/**
 * Positions after `start`: exactly start+1, start+2… where the store promises no gap (PostgreSQL); strictly
 * increasing where positions are commit positions (EventStoreDB).
 */
function expectPositionsAfter(store: EventStore, positions: number[], start: number): void {
  const { expect } = globalThis as unknown as typeof JestGlobals;
  if (store.positionsAreGapFree ?? true) {
    expect(positions).toEqual(positions.map((_, i) => start + i + 1));
  } else {
    positions.forEach((p, i) => expect(p).toBeGreaterThan(i === 0 ? start : positions[i - 1]));
  }
}

const ISO_UTC_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function contractEvent(overrides: Partial<EventToAppend> = {}): EventToAppend {
  const unitId = overrides.unitId === undefined ? 'haibin-street' : overrides.unitId;
  return {
    eventId: randomUUID(),
    type: 'SpotCheckRecorded',
    schemaVersion: 1,
    occurredAt: '2017-10-05T09:30:00+08:00',
    actor: { unitId: 'admin-service-centre', userId: 'inspector-07' },
    evidence: [{ kind: 'document', ref: '抽查记录-2017-10-05.pdf', sha256: 'a'.repeat(64) }],
    data: { unitId, indicator: '3.5', outcome: 'fail', subject: '办件 FJ2017100500123', note: '预审不通过' },
    ...overrides,
    unitId,
  };
}

async function readWholeLog(store: EventStore): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for (;;) {
    const batch = await store.readAll({ after: all.length === 0 ? 0 : all[all.length - 1].position, limit: 500 });
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/**
 * Follows the log from `after` until `enough` says so, or until `deadline` (a promise of a time limit in ms,
 * started by the caller when it stops writing) runs out: a slow machine slows the writers, not the verdict.
 */
async function follow(
  store: EventStore,
  after: number,
  enough: (seen: StoredEvent[]) => boolean,
  deadline: Promise<number>,
): Promise<StoredEvent[]> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  void deadline.then((ms) => {
    if (!controller.signal.aborted) timer = setTimeout(() => controller.abort(), ms);
  });
  const seen: StoredEvent[] = [];
  try {
    for await (const batch of store.subscribe({ after, batchSize: 100, signal: controller.signal })) {
      seen.push(...batch);
      if (enough(seen)) controller.abort();
    }
  } finally {
    clearTimeout(timer);
  }
  return seen;
}

export function describeEventStoreContract(name: string, setup: () => Promise<ContractSubject>): void {
  const { describe, it, expect, beforeAll, afterAll } = globalThis as unknown as typeof JestGlobals;

  describe(`EventStore contract: ${name}`, () => {
    let subject: ContractSubject;
    let store: EventStore;
    // Tests share one ledger; each uses its own streams so their assertions do not depend on order.
    const stream = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;
    const appendOne = (streamId: string, expectedRevision: ExpectedRevision, event = contractEvent()) =>
      store.append([{ streamId, expectedRevision, events: [event] }]);

    beforeAll(async () => {
      subject = await setup();
      store = subject.store;
    });
    afterAll(async () => {
      await subject?.teardown();
    });

    it('returns what it stored, and reads it back the same way', async () => {
      const streamId = stream('read-after-append');
      const event = contractEvent({ occurredAt: '2017-10-05T09:30:00+08:00' });
      const result = await appendOne(streamId, 'no_stream', event);
      expect(result.nextRevisions).toEqual({ [streamId]: 0 });
      const [stored] = result.events;
      expect(stored).toMatchObject({
        eventId: event.eventId,
        type: event.type,
        schemaVersion: 1,
        occurredAt: '2017-10-05T09:30:00+08:00',
        actor: event.actor,
        evidence: event.evidence,
        data: event.data,
        streamId,
        streamRevision: 0,
        prevHash: GENESIS_HASH,
      });
      expect(stored.recordedAt).toMatch(ISO_UTC_MILLIS);
      expect(stored.position).toBeGreaterThan(0);
      expect(stored.hash).toBe(eventHash(GENESIS_HASH, stored));
      expect(await store.readStream(streamId)).toEqual([stored]);
      expect(await store.findByIds([event.eventId, randomUUID(), 'not-a-uuid'])).toEqual([stored]);
      expect(await store.readAll({ after: stored.position - 1, limit: 1 })).toEqual([stored]);
      const head = await store.head();
      expect(head.position).toBeGreaterThanOrEqual(stored.position);

      const second = await appendOne(streamId, 0);
      expect(second.events[0]).toMatchObject({ streamRevision: 1, prevHash: stored.hash });
      expectPositionsAfter(store, [second.events[0].position], stored.position);
      expect(await store.readStream(streamId, { fromRevision: 1 })).toEqual(second.events);
      expect((await store.health()).ok).toBe(true);
    });

    it("reads a unit's events across streams in position order", async () => {
      const unitId = stream('unit');
      const a = stream('unit-a');
      const b = stream('unit-b');
      const mine1 = contractEvent({ unitId });
      const other = contractEvent({ unitId: stream('other-unit') });
      const mine2 = contractEvent({ unitId });
      await store.append([{ streamId: a, expectedRevision: 'any', events: [mine1, other] }]);
      await store.append([{ streamId: b, expectedRevision: 'any', events: [mine2] }]);
      const events = await store.readUnit(unitId);
      expect(events.map((e) => e.eventId)).toEqual([mine1.eventId, mine2.eventId]);
      expect(events[0].position).toBeLessThan(events[1].position);
    });

    it('stores a retried event once and answers the stored envelope', async () => {
      const streamId = stream('retry');
      const event = contractEvent();
      const first = await appendOne(streamId, 'no_stream', event);
      await appendOne(streamId, 0);
      // The retry's expected revision is stale by now; idempotency is decided first, so it still succeeds.
      const retry = await appendOne(streamId, 'no_stream', { ...event, occurredAt: '2017-10-05T01:30:00.000Z' });
      expect(retry.events).toEqual(first.events);
      expect(retry.nextRevisions).toEqual({ [streamId]: 0 });
      expect((await store.readStream(streamId)).map((e) => e.eventId).filter((id) => id === event.eventId)).toHaveLength(1);
    });

    it('refuses a known event id with different content, or mixed with new events', async () => {
      const streamId = stream('conflict');
      const event = contractEvent();
      await appendOne(streamId, 'no_stream', event);
      await expect(appendOne(streamId, 'any', { ...event, data: { ...event.data, outcome: 'pass' } })).rejects.toBeInstanceOf(
        IdempotencyConflictError,
      );
      await expect(appendOne(stream('elsewhere'), 'any', event)).rejects.toBeInstanceOf(IdempotencyConflictError);
      const fresh = contractEvent();
      await expect(store.append([{ streamId, expectedRevision: 'any', events: [event, fresh] }])).rejects.toBeInstanceOf(
        IdempotencyConflictError,
      );
      expect(await store.findByIds([fresh.eventId])).toEqual([]);
      expect(await store.readStream(streamId)).toHaveLength(1);
    });

    it('stores an event appended twice at once only once, and answers both with it', async () => {
      const streamId = stream('twins');
      const event = contractEvent();
      const results = await Promise.all(Array.from({ length: 8 }, () => appendOne(streamId, 'any', event)));
      const positions = new Set(results.map((r) => r.events[0].position));
      expect(positions.size).toBe(1);
      expect(await store.readStream(streamId)).toHaveLength(1);
    });

    it('lets exactly one of several appends at the same expected revision win', async () => {
      const streamId = stream('race');
      await appendOne(streamId, 'no_stream');
      const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => appendOne(streamId, 0)));
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(9);
      for (const o of lost) expect(o.reason).toBeInstanceOf(ConcurrencyError);
      expect(await store.readStream(streamId)).toHaveLength(2);
    });

    it('refuses no_stream on an existing stream and a revision on a missing one', async () => {
      const streamId = stream('exists');
      await appendOne(streamId, 'no_stream');
      const error = await appendOne(streamId, 'no_stream').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ streamId, expected: 'no_stream', actual: 0 });
      await expect(appendOne(streamId, 5)).rejects.toMatchObject({ actual: 0, expected: 5 });
      await expect(appendOne(stream('missing'), 0)).rejects.toMatchObject({ actual: 'no_stream' });
    });

    it('appends to several streams all or nothing', async () => {
      const fresh = stream('atomic-fresh');
      const existing = stream('atomic-existing');
      await appendOne(existing, 'no_stream');
      const headBefore = await store.head();
      if (subject.capabilities?.multiStreamAppend === false) {
        // An adapter that cannot make it atomic must refuse it whole rather than half-write it.
        await expect(
          store.append([
            { streamId: fresh, expectedRevision: 'no_stream', events: [contractEvent()] },
            { streamId: existing, expectedRevision: 0, events: [contractEvent()] },
          ]),
        ).rejects.toThrow();
        expect(await store.readStream(fresh)).toEqual([]);
        expect(await store.readStream(existing)).toHaveLength(1);
        return;
      }
      const attempt = store.append([
        { streamId: fresh, expectedRevision: 'no_stream', events: [contractEvent()] },
        { streamId: existing, expectedRevision: 3, events: [contractEvent()] },
      ]);
      await expect(attempt).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await store.readStream(fresh)).toEqual([]);
      expect(await store.readStream(existing)).toHaveLength(1);
      expect(await store.head()).toEqual(headBefore);

      const both = await store.append([
        { streamId: fresh, expectedRevision: 'no_stream', events: [contractEvent(), contractEvent()] },
        { streamId: existing, expectedRevision: 0, events: [contractEvent()] },
      ]);
      expect(both.nextRevisions).toEqual({ [fresh]: 1, [existing]: 1 });
      // Whatever a failed append did, it left no hole in the log.
      expectPositionsAfter(store, both.events.map((e) => e.position), headBefore.position);
    });

    it('follows from a checkpoint: catches up, sees later appends, stops on abort', async () => {
      const streamId = stream('follow');
      const head = await store.head();
      await appendOne(streamId, 'any');
      await appendOne(streamId, 'any');
      const controller = new AbortController();
      const deadline = setTimeout(() => controller.abort(), 10_000);
      const seen: StoredEvent[] = [];
      let late: StoredEvent | undefined;
      try {
        for await (const batch of store.subscribe({ after: head.position, signal: controller.signal })) {
          seen.push(...batch);
          if (seen.length === 2 && !late) late = (await appendOne(streamId, 'any')).events[0];
          if (seen.length >= 3) controller.abort();
        }
      } finally {
        clearTimeout(deadline);
      }
      expect(seen).toHaveLength(3);
      expectPositionsAfter(store, seen.map((e) => e.position), head.position);
      expect(seen[2]).toEqual(late);
    });

    it('keeps 20 concurrent writers whole: nothing lost or doubled, gap-free, followed once and in order', async () => {
      const writers = 20;
      const appendsEach = 200;
      const total = writers * appendsEach;
      const run = stream('load');
      const shared = [0, 1, 2].map((i) => `${run}-shared-${i}`);
      const start = (await store.head()).position;

      let writersDone!: (deadlineMs: number) => void;
      const follower = follow(store, start, (seen) => seen.length >= total, new Promise((resolve) => (writersDone = resolve)));
      const writer = async (w: number): Promise<void> => {
        // Half the writers own a stream and state its exact revision; half share three streams with 'any'.
        const own = w % 2 === 0;
        for (let i = 0; i < appendsEach; i += 1) {
          const streamId = own ? `${run}-own-${w}` : shared[(w + i) % shared.length];
          const expected: ExpectedRevision = own ? (i === 0 ? 'no_stream' : i - 1) : 'any';
          await appendOne(streamId, expected, contractEvent({ data: { writer: w, i } }));
        }
      };
      try {
        await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
      } finally {
        writersDone(10_000);
      }
      const followed = await follower;

      const written = (await readWholeLog(store)).filter((e) => e.position > start);
      expect(written).toHaveLength(total);
      expectPositionsAfter(store, written.map((e) => e.position), start);
      expect(new Set(written.map((e) => e.eventId)).size).toBe(total);
      const revisions = new Map<string, number[]>();
      for (const e of written) revisions.set(e.streamId, [...(revisions.get(e.streamId) ?? []), e.streamRevision]);
      for (const [, revs] of revisions) expect(revs).toEqual(revs.map((_, i) => i));
      expect(revisions.size).toBe(writers / 2 + shared.length);

      expect(followed).toEqual(written);
    });

    it('holds a hash chain that verifies over the whole log', async () => {
      const verifier = new ChainVerifier(100, { checkPositions: store.positionsAreGapFree ?? true });
      const all = await readWholeLog(store);
      for (const e of all) verifier.add(e);
      const report = verifier.result();
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
      const head = await store.head();
      expect(head).toEqual({ position: all[all.length - 1].position, hash: all[all.length - 1].hash });
    });

    // Last: it damages the shared ledger on purpose.
    it('lets chain verification find and name a row altered behind its back', async () => {
      if (!subject.tamper) {
        process.stdout.write(`[contract ${name}] tampering not run: the adapter gives no way to alter a stored row\n`);
        return;
      }
      const streamId = stream('tamper');
      const victim = (await appendOne(streamId, 'no_stream')).events[0];
      await appendOne(streamId, 0);
      await subject.tamper(victim.position);
      const verifier = new ChainVerifier();
      for (const e of await readWholeLog(store)) verifier.add(e);
      const report = verifier.result();
      expect(report.ok).toBe(false);
      expect(report.problems.map((p) => p.position)).toEqual([victim.position]);
      expect(report.problems[0].reason).toMatch(/altered/);
    });
  });
}
