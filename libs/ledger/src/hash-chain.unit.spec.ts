import type { StoredEvent } from '../../../events/index.js';
import { ChainVerifier, GENESIS_HASH, canonicalEvent, eventHash } from './hash-chain.js';

function chain(count: number, streamId = 'unit-haibin-street'): StoredEvent[] {
  const events: StoredEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < count; i++) {
    const base = {
      eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      type: 'SpotCheckRecorded',
      schemaVersion: 1,
      streamId,
      streamRevision: i,
      occurredAt: '2017-10-05T09:30:00+08:00',
      recordedAt: '2017-10-06T03:02:13.120Z',
      actor: { unitId: 'admin-service-centre', userId: 'inspector-07' },
      evidence: [{ kind: 'url' as const, ref: 'https://example.org/x' }],
      data: { unitId: 'haibin-street', indicator: '3.5', outcome: 'fail', subject: `办件 ${i}`, note: '' },
    };
    const hash = eventHash(prevHash, base);
    events.push({ ...base, position: i + 1, hash, prevHash });
    prevHash = hash;
  }
  return events;
}

const verify = (events: StoredEvent[]) => {
  const v = new ChainVerifier();
  events.forEach((e) => v.add(e));
  return v.result();
};

describe('the hash chain of events.md §4', () => {
  it('hashes the canonical JSON: sorted keys, UTC milliseconds, no whitespace', () => {
    const [first] = chain(1);
    const canonical = canonicalEvent(first);
    expect(canonical.startsWith('{"actor":{"unitId":"admin-service-centre","userId":"inspector-07"},"data":{')).toBe(true);
    expect(canonical).toContain('"occurredAt":"2017-10-05T01:30:00.000Z"');
    expect(canonical).not.toMatch(/\s"|":\s/);
  });

  it('accepts an intact chain', () => {
    expect(verify(chain(5))).toMatchObject({ ok: true, events: 5, streams: 1, head: 5 });
  });

  it('names the position of an altered event', () => {
    const events = chain(5);
    events[2] = { ...events[2], data: { ...events[2].data, outcome: 'pass' } };
    const report = verify(events);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ position: 3, reason: expect.stringContaining('altered') })]);
  });

  it('finds a deleted event by the gap it leaves', () => {
    const events = chain(5);
    events.splice(1, 1);
    const report = verify(events);
    expect(report.problems.map((p) => p.position)).toContain(3);
  });
});
