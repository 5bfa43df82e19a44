// The one idempotency rule of every store adapter (libs/ledger/src/same-content.ts).
import { sameContent, type EventContent } from './same-content.js';

const base: EventContent = {
  streamId: 's',
  type: 'SpotCheckRecorded',
  schemaVersion: 1,
  occurredAt: '2017-10-05T09:30:00+08:00',
  actor: { unitId: 'admin-service-centre', userId: 'inspector-07' },
  evidence: [{ kind: 'document', ref: '抽查记录-2017-10-05.pdf', sha256: 'a'.repeat(64) }],
  data: { unitId: 'haibin-street', indicator: '3.5', outcome: 'fail', subject: '办件 FJ2017100500123', note: '预审不通过' },
  unitId: 'haibin-street',
};

describe('same content, for idempotency', () => {
  it('tells text that is no instant apart from an instant, without throwing', () => {
    expect(sameContent(base, { ...base, occurredAt: 'soon' })).toBe(false);
    expect(sameContent({ ...base, occurredAt: 'soon' }, { ...base, occurredAt: 'soon' })).toBe(true);
  });

  it('compares the occurredAt instant, not how its offset was written, and ignores key order', () => {
    const reordered = { ...base, occurredAt: '2017-10-05T01:30:00Z', data: Object.fromEntries(Object.entries(base.data as object).reverse()) };
    expect(sameContent(base, reordered)).toBe(true);
  });

  it.each([
    ['stream', { streamId: 't' }],
    ['type', { type: 'MetricMeasured' }],
    ['schema version', { schemaVersion: 2 }],
    ['instant', { occurredAt: '2017-10-05T09:30:00.001+08:00' }],
    ['actor', { actor: { unitId: 'x', userId: 'y' } }],
    ['evidence', { evidence: [] }],
    ['data', { data: { ...(base.data as object), outcome: 'pass' } }],
    ['unit', { unitId: 'other-street' }],
  ])('tells a different %s apart', (_, change) => {
    expect(sameContent(base, { ...base, ...change })).toBe(false);
  });
});
