import type { StoredEvent } from '../../events/index.js';
import { disputeChangesOf } from './disputes.evolve.js';

let position = 0;
const stored = (type: string, data: Record<string, unknown>): StoredEvent => ({
  eventId: `00000000-0000-4000-8000-${String(++position).padStart(12, '0')}`,
  type,
  schemaVersion: 1,
  occurredAt: '2017-11-02T09:00:00+08:00',
  recordedAt: '2017-11-02T01:00:00.000Z',
  actor: { unitId: 'haibin-street', userId: 'u' },
  evidence: [],
  data,
  position,
  streamId: 'unit-haibin-street',
  streamRevision: position - 1,
  hash: '0'.repeat(64),
  prevHash: '0'.repeat(64),
});

describe('disputes evolve', () => {
  it('files disputes and records the first resolution of each', () => {
    const filed = stored('DisputeFiled', { unitId: 'haibin-street', disputeId: 'd-1', findingEventIds: ['A0000000-0000-4000-8000-000000000001'], grounds: 'g' });
    const resolved = stored('DisputeResolved', { unitId: 'haibin-street', disputeId: 'd-1', decision: 'overturned', note: 'n' });
    const again = stored('DisputeResolved', { unitId: 'haibin-street', disputeId: 'd-1', decision: 'upheld', note: 'later' });
    const other = stored('SpotCheckRecorded', { unitId: 'haibin-street', indicator: '3.5', outcome: 'fail' });
    const changes = disputeChangesOf([filed, other, resolved, again]);
    expect(changes.filings).toEqual([
      {
        unitId: 'haibin-street', disputeId: 'd-1', findingEventIds: ['a0000000-0000-4000-8000-000000000001'], grounds: 'g',
        filedAt: filed.occurredAt, filedEventId: filed.eventId, filedPosition: filed.position,
      },
    ]);
    expect(changes.resolutions).toEqual([
      { unitId: 'haibin-street', disputeId: 'd-1', decision: 'overturned', note: 'n', resolvedAt: resolved.occurredAt, resolvedEventId: resolved.eventId },
    ]);
  });

  it('ignores a resolution with an unknown decision', () => {
    expect(disputeChangesOf([stored('DisputeResolved', { unitId: 'u', disputeId: 'd', decision: 'maybe', note: '' })]).resolutions).toEqual([]);
  });
});
