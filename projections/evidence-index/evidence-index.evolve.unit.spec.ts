import type { StoredEvent } from '../../events/index.js';
import { LC_2017 } from '../../libs/rulebook/src/index.js';
import { disputesByFinding, evidenceEffectsOf, evidenceRowOf, firstRetractions, type IndexedSoFar } from './evidence-index.evolve.js';

let position = 0;
const stored = (type: string, data: Record<string, unknown>, eventId = `00000000-0000-4000-8000-${String(++position).padStart(12, '0')}`): StoredEvent => ({
  eventId,
  type,
  schemaVersion: 1,
  occurredAt: '2017-10-05T09:30:00+08:00',
  recordedAt: '2017-10-06T03:02:13.120Z',
  actor: { unitId: 'admin-service-centre', userId: 'inspector-07' },
  evidence: [],
  data,
  position,
  streamId: 'unit-haibin-street',
  streamRevision: position - 1,
  hash: '0'.repeat(64),
  prevHash: '0'.repeat(64),
});

const FINDING = '0b6d9c9e-6c1e-4d57-9a51-3f4b7c2e1a10';
const OUTAGE = '0b6d9c9e-6c1e-4d57-9a51-3f4b7c2e1a11';
const RETRACTION = '0b6d9c9e-6c1e-4d57-9a51-3f4b7c2e1a12';
const none: IndexedSoFar = { event: () => undefined, disputeIndicators: () => [] };
/** A spot check of 3.2 and an outage (4.3) indexed before, and a dispute of unit u naming both. */
const indexed: IndexedSoFar = {
  event: (id) =>
    id === FINDING
      ? { type: 'SpotCheckRecorded', indicator: '3.2', indicators: ['3.2'] }
      : id === OUTAGE
        ? { type: 'OutageRepaired', indicator: '4.3', indicators: ['4.3'] }
        : id === RETRACTION
          ? { type: 'FindingRetracted', indicator: '3.2', indicators: ['3.2'] }
          : undefined,
  disputeIndicators: (unitId, disputeId) => (unitId === 'u' && disputeId === 'd-1' ? ['3.2', '4.3'] : []),
};

describe('evidence index evolve', () => {
  it.each([
    ['ListBatchPublished', { unitId: 'u', batch: 2, itemCount: 3 }, '2.1'],
    ['StreetNotOnboarded', { unitId: 'u', street: 's' }, '3.1'],
    ['FrontEndFaultRecorded', { unitId: 'u', faultRef: 'f', note: '' }, '3.8'],
    ['OutageStarted', { unitId: 'u', outageId: 'o', system: 's' }, '4.3'],
    ['OutageRepaired', { unitId: 'u', outageId: 'o' }, '4.3'],
    ['SpotCheckRecorded', { unitId: 'u', indicator: '3.5', outcome: 'fail' }, '3.5'],
    ['UnitRegistered', { unitId: 'u', name: 'n', kind: 'street' }, null],
  ])('gives %s the indicator %s', (type, data, indicator) => {
    expect(evidenceRowOf(stored(type, data), none, LC_2017).indicator).toBe(indicator);
  });

  it('gives a retraction the indicator of the finding it retracts, and names the finding (ids in lower case)', () => {
    const row = evidenceRowOf(stored('FindingRetracted', { unitId: 'u', findingEventId: FINDING.toUpperCase(), reason: 'r' }), indexed, LC_2017);
    expect(row).toMatchObject({ indicator: '3.2', refersTo: [FINDING], unitId: 'u' });
    expect(row.indicators).toEqual(['3.2']);
  });

  it('gives a dispute the indicators of every finding it names (not of a non-finding), and its resolution the same', () => {
    const filed = evidenceRowOf(
      stored('DisputeFiled', { unitId: 'u', disputeId: 'd-1', findingEventIds: [FINDING, OUTAGE, RETRACTION, FINDING], reason: 'r' }),
      indexed,
      LC_2017,
    );
    expect(filed).toMatchObject({ indicator: null, indicators: ['3.2', '4.3'], refersTo: [FINDING, OUTAGE, RETRACTION], disputeId: 'd-1' });
    const resolved = evidenceRowOf(stored('DisputeResolved', { unitId: 'u', disputeId: 'd-1', decision: 'upheld', reason: 'r' }), indexed, LC_2017);
    expect(resolved).toMatchObject({ indicators: ['3.2', '4.3'], disputeId: 'd-1' });
    expect(evidenceRowOf(stored('DisputeResolved', { unitId: 'u', disputeId: 'unknown', decision: 'upheld', reason: 'r' }), indexed, LC_2017).indicators).toEqual([]);
  });

  it('gives an unknown retracted finding no indicator', () => {
    expect(evidenceRowOf(stored('FindingRetracted', { unitId: 'u', findingEventId: FINDING, reason: 'r' }), none, LC_2017)).toMatchObject({ indicator: null, indicators: [] });
  });

  it('keeps assessment-level events out of every unit', () => {
    expect(evidenceRowOf(stored('AssessmentOpened', { assessmentId: 'a', rulebook: 'lc-2017', title: 't' }), none, LC_2017).unitId).toBeNull();
  });

  it('turns retractions, disputes and overturning resolutions into effects; an upheld resolution has none', () => {
    const retract = stored('FindingRetracted', { unitId: 'u', findingEventId: FINDING, reason: 'r' });
    const filed = stored('DisputeFiled', { unitId: 'u', disputeId: 'd-1', findingEventIds: [FINDING, FINDING, 'not-a-uuid'], grounds: 'g' });
    const upheld = stored('DisputeResolved', { unitId: 'u', disputeId: 'd-1', decision: 'upheld', note: '' });
    const overturned = stored('DisputeResolved', { unitId: 'u', disputeId: 'd-1', decision: 'overturned', note: '' });
    expect(evidenceEffectsOf(retract)).toEqual([{ kind: 'retract', findingEventId: FINDING, byEventId: retract.eventId, at: retract.occurredAt, position: retract.position }]);
    expect(evidenceEffectsOf(filed)).toEqual([{ kind: 'dispute', findingEventId: FINDING, unitId: 'u', disputeId: 'd-1', position: filed.position }]);
    expect(evidenceEffectsOf(upheld)).toEqual([]);
    expect(evidenceEffectsOf(overturned)).toMatchObject([{ kind: 'overturn', unitId: 'u', disputeId: 'd-1', byEventId: overturned.eventId }]);
  });

  it('keeps the first retraction of a finding and each dispute of a finding once, in order', () => {
    const effects = [
      ...evidenceEffectsOf(stored('FindingRetracted', { unitId: 'u', findingEventId: FINDING, reason: 'first' }, '00000000-0000-4000-8000-000000000901')),
      ...evidenceEffectsOf(stored('FindingRetracted', { unitId: 'u', findingEventId: FINDING, reason: 'second' })),
      ...evidenceEffectsOf(stored('DisputeFiled', { unitId: 'u', disputeId: 'd-2', findingEventIds: [FINDING], grounds: 'g' })),
      ...evidenceEffectsOf(stored('DisputeFiled', { unitId: 'u', disputeId: 'd-1', findingEventIds: [FINDING], grounds: 'g' })),
      ...evidenceEffectsOf(stored('DisputeFiled', { unitId: 'u', disputeId: 'd-2', findingEventIds: [FINDING], grounds: 'g' })),
    ];
    expect(firstRetractions(effects).map((e) => e.byEventId)).toEqual(['00000000-0000-4000-8000-000000000901']);
    expect(disputesByFinding(effects)).toEqual(new Map([[FINDING, ['d-2', 'd-1']]]));
  });
});
