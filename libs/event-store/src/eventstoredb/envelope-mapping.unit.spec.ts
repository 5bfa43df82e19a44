import { eventHash, GENESIS_HASH } from '../../../ledger/src/hash-chain.js';
import { ENVELOPE_FORMAT, fromRecordedEvent, isSystemEvent, toEventData, type PendingEvent, type RecordedLike } from './envelope-mapping.js';
import { ForeignEventError } from './eventstoredb.errors.js';

const base = {
  eventId: '0b6d9c9e-6c1e-4d57-9a51-3f4b7c2e1a10',
  type: 'SpotCheckRecorded',
  schemaVersion: 1,
  streamId: 'unit-haibin-street',
  streamRevision: 3,
  occurredAt: '2017-10-05T09:30:00+08:00',
  recordedAt: '2017-10-06T03:02:13.120Z',
  actor: { unitId: 'admin-service-centre', userId: 'inspector-07' },
  evidence: [{ kind: 'document' as const, ref: '抽查记录.pdf', sha256: 'f'.repeat(64) }],
  data: { unitId: 'haibin-street', indicator: '3.5', outcome: 'fail' },
};
const pending: PendingEvent = { ...base, prevHash: 'a'.repeat(64), hash: eventHash('a'.repeat(64), base), unitId: 'haibin-street' };

/** What the client would hand back for the event data we wrote, at a log position. */
function recorded(overrides: Partial<RecordedLike> = {}): RecordedLike {
  const data = toEventData(pending);
  return {
    id: data.id,
    streamId: pending.streamId,
    type: data.type,
    revision: BigInt(pending.streamRevision),
    isJson: true,
    data: JSON.parse(JSON.stringify(data.data)),
    metadata: JSON.parse(JSON.stringify(data.metadata)),
    position: { commit: 5120n, prepare: 5120n },
    ...overrides,
  };
}

describe('envelope mapping', () => {
  it('writes the payload as data and the rest of the envelope as metadata', () => {
    const data = toEventData(pending);
    expect(data).toMatchObject({ id: base.eventId, type: 'SpotCheckRecorded', contentType: 'application/json', data: base.data });
    expect(data.metadata).toEqual({
      format: ENVELOPE_FORMAT,
      schemaVersion: 1,
      occurredAt: base.occurredAt,
      recordedAt: base.recordedAt,
      actor: base.actor,
      evidence: base.evidence,
      unitId: 'haibin-street',
      streamRevision: 3,
      hash: pending.hash,
      prevHash: pending.prevHash,
    });
  });

  it('reads back the same envelope, placed where EventStoreDB keeps it, with a hash that still verifies', () => {
    const { event, unitId } = fromRecordedEvent(recorded());
    const { unitId: _unit, ...envelope } = pending;
    expect(event).toEqual({ ...envelope, position: 5120 });
    expect(unitId).toBe('haibin-street');
    expect(eventHash(event.prevHash, event)).toBe(event.hash);
  });

  it('takes stream, revision and type from EventStoreDB, so a moved event fails its hash', () => {
    const { event } = fromRecordedEvent(recorded({ revision: 4n, streamId: 'unit-other' }));
    expect(event).toMatchObject({ streamRevision: 4, streamId: 'unit-other' });
    expect(eventHash(event.prevHash, event)).not.toBe(event.hash);
  });

  it('keeps unit-less events unit-less', () => {
    const data = toEventData({ ...pending, unitId: null });
    const { unitId } = fromRecordedEvent(recorded({ metadata: JSON.parse(JSON.stringify(data.metadata)) }));
    expect(unitId).toBeNull();
  });

  it('refuses events that are not ledger envelopes, naming the event and the reason', () => {
    expect(() => fromRecordedEvent(recorded({ metadata: undefined }))).toThrow(ForeignEventError);
    expect(() => fromRecordedEvent(recorded({ metadata: { format: 'other' } }))).toThrow(/unit-haibin-street@3 .*metadata format/);
    expect(() => fromRecordedEvent(recorded({ isJson: false }))).toThrow(/not JSON/);
    expect(() => fromRecordedEvent(recorded({ data: [1, 2] }))).toThrow(/data is not a JSON object/);
    const broken = { ...(recorded().metadata as Record<string, unknown>), hash: 'nope' };
    expect(() => fromRecordedEvent(recorded({ metadata: broken }))).toThrow(/metadata.hash/);
  });

  it('refuses an event without a usable $all position (servers before 22.10 on stream reads)', () => {
    expect(() => fromRecordedEvent(recorded({ position: undefined }))).toThrow(/no \$all position/);
    expect(() => fromRecordedEvent(recorded({ position: { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n } }))).toThrow(/no \$all position/);
  });

  it("tells EventStoreDB's own events apart", () => {
    expect(isSystemEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' })).toBe(true);
    expect(isSystemEvent({ streamId: '$$unit-a', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ streamId: 'unit-a', type: '$>' })).toBe(true);
    expect(isSystemEvent({ streamId: 'unit-a', type: 'SpotCheckRecorded' })).toBe(false);
    expect(GENESIS_HASH).toHaveLength(64);
  });
});
