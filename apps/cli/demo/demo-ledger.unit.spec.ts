// Issue 10, item 7: the demo's event ids are random UUIDs (v4), new on every build — not derived from a seed or a
// counter — while the events still refer to each other (a dispute names its finding, a retraction its finding).
import { getRulebook } from '../../../libs/rulebook/src/index.js';
import { buildDemoLedger } from './demo-ledger.js';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('demo ledger event ids', () => {
  const rulebook = getRulebook('lc-2017');
  const first = buildDemoLedger(rulebook);
  const second = buildDemoLedger(rulebook);

  it('are random v4 UUIDs, all distinct, and none repeats in another build', () => {
    for (const e of first) expect(e.eventId).toMatch(V4);
    expect(new Set(first.map((e) => e.eventId)).size).toBe(first.length);
    const again = new Set(second.map((e) => e.eventId));
    expect(first.filter((e) => again.has(e.eventId))).toEqual([]);
  });

  it('keep the references between the events of one build', () => {
    const ids = new Set(first.map((e) => e.eventId));
    const referred = first.flatMap((e) => [
      ...((e.data.findingEventIds as string[] | undefined) ?? []),
      ...(typeof e.data.findingEventId === 'string' ? [e.data.findingEventId] : []),
    ]);
    expect(referred.length).toBeGreaterThanOrEqual(3);
    for (const id of referred) expect(ids.has(id)).toBe(true);
  });

  it('leave the facts as they were: the same types, times and data on every build', () => {
    const facts = (events: typeof first) => events.map((e) => [e.type, e.occurredAt, e.recordedAt, e.actor, e.streamId]);
    expect(facts(second)).toEqual(facts(first));
  });
});
