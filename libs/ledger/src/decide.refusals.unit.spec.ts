// Every bad input of events.md §2 (and the few more decide refuses), each asserted by its code and field.
import {
  centre,
  disputeFiled,
  disputeResolved,
  econ,
  event,
  gov,
  letters,
  measured,
  opened,
  outageRepaired,
  outageStarted,
  reform,
  registered,
  retracted,
  spotCheck,
  actor,
  uuid,
} from './testing/events.builders.js';
import { given, refusals, run } from './testing/decide.harness.js';
import { TEST_RULEBOOK } from './testing/test-rulebook.js';

const street = 'haibin-street';
const haibin = actor(street);
const withStreet = () => given([[gov, registered(street)]]);

describe('decide refuses findings about indicators', () => {
  it('UNKNOWN_INDICATOR: an indicator the rulebook does not have', () => {
    expect(refusals(run(centre, [spotCheck(street, '3.99')], withStreet()))).toEqual([[0, 'data.indicator', 'UNKNOWN_INDICATOR']]);
  });

  it('INDICATOR_NOT_FED: an indicator the event type does not feed', () => {
    const result = run(letters, [event('SpotCheckRecorded', { unitId: street, indicator: '5.2', outcome: 'fail', subject: 's', note: '' })], withStreet());
    expect(refusals(result)).toEqual([[0, 'data.indicator', 'INDICATOR_NOT_FED']]);
    expect(!result.ok && result.problems[0]!.reason).toBe('SpotCheckRecorded does not feed indicator 5.2 (it feeds 3.5)');
  });

  it('NO_INDICATOR_FED: a finding type the rulebook does not use', () => {
    const rulebook = { ...TEST_RULEBOOK, indicators: TEST_RULEBOOK.indicators.filter((i) => i.id !== '3.1') };
    const result = run(centre, [event('StreetNotOnboarded', { unitId: street, street: '海滨街道' })], given([[gov, registered(street)]], rulebook), rulebook);
    expect(refusals(result)).toEqual([[0, 'type', 'NO_INDICATOR_FED']]);
  });

  it('NUMERATOR_EXCEEDS_DENOMINATOR', () => {
    expect(refusals(run(letters, [measured(street, '5.2', 101, 100)], withStreet()))).toEqual([[0, 'data.numerator', 'NUMERATOR_EXCEEDS_DENOMINATOR']]);
  });

  it('NOT_LEAD: an actor appending for an indicator it does not lead, by indicator in data or by type', () => {
    const state = withStreet();
    expect(refusals(run(letters, [spotCheck(street)], state))).toEqual([[0, 'actor', 'NOT_LEAD']]);
    expect(refusals(run(centre, [measured(street, '5.2', 1, 2)], state))).toEqual([[0, 'actor', 'NOT_LEAD']]);
    expect(refusals(run(centre, [event('ListBatchPublished', { unitId: street, batch: 1, itemCount: 10 })], state))).toEqual([[0, 'actor', 'NOT_LEAD']]);
    expect(refusals(run(centre, [outageStarted(street, 'o1', '2017-10-01T00:00:00Z')], state))).toEqual([[0, 'actor', 'NOT_LEAD']]);
    expect(refusals(run(gov, [event('IndicatorNotApplicable', { unitId: street, indicator: '3.5', reason: '不涉及' })], state))).toEqual([[0, 'actor', 'NOT_LEAD']]);
    expect(run(reform, [event('ListBatchPublished', { unitId: street, batch: 1, itemCount: 10 })], state).ok).toBe(true);
  });

  it('lets each lead of a shared part append (1.1 is led by both part-1 leads) and anyone lead an IndicatorNotApplicable they lead', () => {
    const task = () => event('TaskIncompleteFound', { unitId: street, indicator: '1.1', taskRef: 't', note: '' });
    expect(run(gov, [task()], withStreet()).ok).toBe(true);
    expect(run(econ, [task()], withStreet()).ok).toBe(true);
    expect(run(centre, [event('IndicatorNotApplicable', { unitId: street, indicator: '3.5', reason: '不涉及' })], withStreet()).ok).toBe(true);
  });
});

describe('decide refuses references to units', () => {
  it('UNIT_NOT_REGISTERED: a finding about a unit no UnitRegistered introduced', () => {
    expect(refusals(run(centre, [spotCheck('nowhere-street')]))).toEqual([[0, 'data.unitId', 'UNIT_NOT_REGISTERED']]);
  });

  it('UNIT_ALREADY_REGISTERED: a second UnitRegistered of the same unit, across batches or within one', () => {
    expect(refusals(run(gov, [registered(street)], withStreet()))).toEqual([[0, 'data.unitId', 'UNIT_ALREADY_REGISTERED']]);
    expect(refusals(run(gov, [registered('a-street'), registered('a-street')]))).toEqual([[1, 'data.unitId', 'UNIT_ALREADY_REGISTERED']]);
  });

  it('allows a lead unit to be registered once, as a file may introduce every unit alike', () => {
    const lead = registered('letters-visits-bureau', 'department');
    expect(run(gov, [lead]).ok).toBe(true);
    expect(refusals(run(gov, [lead, registered('letters-visits-bureau', 'department')]))).toEqual([[1, 'data.unitId', 'UNIT_ALREADY_REGISTERED']]);
  });
});

describe('decide refuses bad retractions', () => {
  const finding = spotCheck(street);
  const state = () => given([[gov, registered(street)], [gov, registered('other-street')], [centre, finding]]);

  it('UNKNOWN_EVENT: a retraction of an unknown event', () => {
    expect(refusals(run(centre, [retracted(street, uuid(999_999))], state()))).toEqual([[0, 'data.findingEventId', 'UNKNOWN_EVENT']]);
  });

  it('NOT_A_FINDING: a retraction of reference data', () => {
    const register = registered('x-street');
    const s = given([[gov, register]]);
    expect(refusals(run(gov, [retracted('x-street', register.eventId!)], s))).toEqual([[0, 'data.findingEventId', 'NOT_A_FINDING']]);
  });

  it('FINDING_OF_OTHER_UNIT: a retraction filed under another unit than the finding\'s', () => {
    expect(refusals(run(centre, [retracted('other-street', finding.eventId!)], state()))).toEqual([[0, 'data.findingEventId', 'FINDING_OF_OTHER_UNIT']]);
  });

  it('NOT_FINDING_AUTHOR: only the lead that appended the finding, or the government office, may retract it', () => {
    expect(refusals(run(letters, [retracted(street, finding.eventId!)], state()))).toEqual([[0, 'actor', 'NOT_FINDING_AUTHOR']]);
    expect(run(centre, [retracted(street, finding.eventId!)], state()).ok).toBe(true);
    expect(run(gov, [retracted(street, finding.eventId!)], state()).ok).toBe(true);
  });

  it('ALREADY_RETRACTED: a second retraction, or a retraction of a finding an overturned dispute retracted', () => {
    expect(refusals(run(centre, [retracted(street, finding.eventId!), retracted(street, finding.eventId!)], state()))).toEqual([
      [1, 'data.findingEventId', 'ALREADY_RETRACTED'],
    ]);
    const s = state();
    const disputed = given([[gov, registered(street)], [centre, finding], [haibin, disputeFiled(street, 'd1', [finding.eventId!])], [gov, disputeResolved(street, 'd1')]]);
    expect(s).toBeDefined();
    expect(refusals(run(gov, [retracted(street, finding.eventId!, '2017-12-01T00:00:00+08:00')], disputed))).toEqual([
      [0, 'data.findingEventId', 'ALREADY_RETRACTED'],
    ]);
  });

  it('RETRACTION_BEFORE_FINDING: a retraction dated before the finding', () => {
    expect(refusals(run(centre, [retracted(street, finding.eventId!, '2017-10-01T00:00:00+08:00')], state()))).toEqual([
      [0, 'occurredAt', 'RETRACTION_BEFORE_FINDING'],
    ]);
  });
});

describe('decide refuses bad disputes', () => {
  const finding = spotCheck(street);
  const otherFinding = spotCheck('other-street');
  const state = () => given([[gov, registered(street)], [gov, registered('other-street')], [centre, finding], [centre, otherFinding]]);

  it('NOT_THE_UNIT_ITSELF: a dispute filed by another unit', () => {
    expect(refusals(run(actor('other-street'), [disputeFiled(street, 'd1', [finding.eventId!])], state()))).toEqual([[0, 'actor', 'NOT_THE_UNIT_ITSELF']]);
    expect(refusals(run(gov, [disputeFiled(street, 'd1', [finding.eventId!])], state()))).toEqual([[0, 'actor', 'NOT_THE_UNIT_ITSELF']]);
  });

  it('names each unknown finding, finding of another unit and non-finding by its position in findingEventIds', () => {
    const register = registered('x-street');
    const s = given([[gov, registered(street)], [gov, registered('other-street')], [gov, register], [centre, finding], [centre, otherFinding]]);
    const result = run(haibin, [disputeFiled(street, 'd1', [finding.eventId!, uuid(999_998), otherFinding.eventId!, register.eventId!])], s);
    expect(refusals(result)).toEqual([
      [0, 'data.findingEventIds[1]', 'UNKNOWN_EVENT'],
      [0, 'data.findingEventIds[2]', 'FINDING_OF_OTHER_UNIT'],
      [0, 'data.findingEventIds[3]', 'NOT_A_FINDING'],
    ]);
  });

  it('DUPLICATE_DISPUTE: a dispute id the unit already used', () => {
    const s = given([[gov, registered(street)], [centre, finding], [haibin, disputeFiled(street, 'd1', [finding.eventId!])]]);
    expect(refusals(run(haibin, [disputeFiled(street, 'd1', [finding.eventId!])], s))).toEqual([[0, 'data.disputeId', 'DUPLICATE_DISPUTE']]);
  });

  it('UNKNOWN_DISPUTE: a DisputeResolved for an unknown dispute, or another unit\'s dispute id', () => {
    const s = given([[gov, registered(street)], [gov, registered('other-street')], [centre, finding], [haibin, disputeFiled(street, 'd1', [finding.eventId!])]]);
    expect(refusals(run(gov, [disputeResolved(street, 'd2')], s))).toEqual([[0, 'data.disputeId', 'UNKNOWN_DISPUTE']]);
    expect(refusals(run(gov, [disputeResolved('other-street', 'd1')], s))).toEqual([[0, 'data.disputeId', 'UNKNOWN_DISPUTE']]);
  });

  it('DISPUTE_ALREADY_RESOLVED, RESOLUTION_BEFORE_DISPUTE and NOT_GOVERNMENT_OFFICE for resolutions', () => {
    const s = given([[gov, registered(street)], [centre, finding], [haibin, disputeFiled(street, 'd1', [finding.eventId!])]]);
    expect(refusals(run(gov, [disputeResolved(street, 'd1', 'upheld'), disputeResolved(street, 'd1')], s))).toEqual([
      [1, 'data.disputeId', 'DISPUTE_ALREADY_RESOLVED'],
    ]);
    expect(refusals(run(gov, [disputeResolved(street, 'd1', 'upheld', '2017-11-01T00:00:00+08:00')], s))).toEqual([
      [0, 'occurredAt', 'RESOLUTION_BEFORE_DISPUTE'],
    ]);
    expect(refusals(run(centre, [disputeResolved(street, 'd1')], s))).toEqual([[0, 'actor', 'NOT_GOVERNMENT_OFFICE']]);
    expect(run(gov, [disputeResolved(street, 'd1')], s).ok).toBe(true);
  });
});

describe('decide refuses bad outages', () => {
  const start = '2017-10-05T08:00:00+08:00';
  const state = () => given([[gov, registered(street)], [econ, outageStarted(street, 'o1', start)]]);

  it('UNKNOWN_OUTAGE: a repair of an outage never started (outage ids are per unit)', () => {
    expect(refusals(run(econ, [outageRepaired(street, 'o2', '2017-10-05T09:00:00+08:00')], state()))).toEqual([[0, 'data.outageId', 'UNKNOWN_OUTAGE']]);
    expect(refusals(run(econ, [outageRepaired('economy-it-bureau', 'o1', '2017-10-05T09:00:00+08:00')], state()))).toEqual([
      [0, 'data.outageId', 'UNKNOWN_OUTAGE'],
    ]);
  });

  it('REPAIR_BEFORE_START: a repair before the start, in whatever offset', () => {
    expect(refusals(run(econ, [outageRepaired(street, 'o1', '2017-10-04T23:59:59Z')], state()))).toEqual([[0, 'occurredAt', 'REPAIR_BEFORE_START']]);
    expect(run(econ, [outageRepaired(street, 'o1', '2017-10-05T00:00:00Z')], state()).ok).toBe(true);
  });

  it('OUTAGE_ALREADY_REPAIRED: a second repair', () => {
    const at = '2017-10-05T10:00:00+08:00';
    expect(refusals(run(econ, [outageRepaired(street, 'o1', at), outageRepaired(street, 'o1', at)], state()))).toEqual([
      [1, 'data.outageId', 'OUTAGE_ALREADY_REPAIRED'],
    ]);
  });

  it('DUPLICATE_OUTAGE: an outage id already used for the unit', () => {
    expect(refusals(run(econ, [outageStarted(street, 'o1', '2017-11-01T00:00:00+08:00')], state()))).toEqual([[0, 'data.outageId', 'DUPLICATE_OUTAGE']]);
  });
});

describe('decide refuses events out of time', () => {
  it('OUTSIDE_ASSESSMENT_YEAR: occurredAt before or after the year, judged in the rulebook\'s time zone', () => {
    expect(refusals(run(centre, [spotCheck(street, '3.5', '2016-12-31T23:59:59+08:00')], withStreet()))).toEqual([[0, 'occurredAt', 'OUTSIDE_ASSESSMENT_YEAR']]);
    expect(refusals(run(centre, [spotCheck(street, '3.5', '2017-12-31T16:00:00Z')], withStreet()))).toEqual([[0, 'occurredAt', 'OUTSIDE_ASSESSMENT_YEAR']]);
    expect(refusals(run(gov, [registered('late-street')].map((e) => ({ ...e, occurredAt: '2018-01-01T00:00:00+08:00' }))))).toEqual([
      [0, 'occurredAt', 'OUTSIDE_ASSESSMENT_YEAR'],
    ]);
  });

  it('OCCURRED_AFTER_RECORDED: a fact dated after its append', () => {
    const result = run(centre, [spotCheck(street, '3.5', '2017-10-05T09:30:00+08:00')], withStreet(), TEST_RULEBOOK, '2017-10-05T01:00:00Z');
    expect(refusals(result)).toEqual([[0, 'occurredAt', 'OCCURRED_AFTER_RECORDED']]);
  });
});

describe('decide refuses appends by the wrong actor', () => {
  it('NOT_GOVERNMENT_OFFICE: AssessmentOpened, UnitRegistered, DisputeResolved and ResultsPublished', () => {
    expect(refusals(run(centre, [opened()]))).toEqual([[0, 'actor', 'NOT_GOVERNMENT_OFFICE']]);
    expect(refusals(run(econ, [registered(street)]))).toEqual([[0, 'actor', 'NOT_GOVERNMENT_OFFICE']]);
    const published = event(
      'ResultsPublished',
      { assessmentId: 'lc-2017-assessment', asOf: '2017-12-31T23:59:59.999+08:00', knownAt: '2018-01-05T00:00:00+08:00', ledgerPosition: 1, ledgerHash: 'a'.repeat(64), scoresSha256: 'b'.repeat(64) },
      '2018-01-05T00:00:00+08:00',
    );
    expect(refusals(run(centre, [published], given([[gov, opened()]])))).toEqual([[0, 'actor', 'NOT_GOVERNMENT_OFFICE']]);
  });

  it('NOT_THE_UNIT_ITSELF: a self-assessment submitted for another unit', () => {
    const self = event('SelfAssessmentSubmitted', { unitId: street, parts: { 1: 100, 2: 90, 3: 95, 4: 100, 5: 80, 6: 100 }, signedBy: '主任', documentSha256: 'c'.repeat(64) });
    expect(refusals(run(gov, [self], withStreet()))).toEqual([[0, 'actor', 'NOT_THE_UNIT_ITSELF']]);
    expect(run(haibin, [self], withStreet()).ok).toBe(true);
  });
});

describe('decide refuses bad assessments', () => {
  it('UNKNOWN_ASSESSMENT: results published for an assessment never opened', () => {
    const published = event(
      'ResultsPublished',
      { assessmentId: 'nope', asOf: '2017-12-31T23:59:59.999+08:00', knownAt: '2018-01-05T00:00:00+08:00', ledgerPosition: 1, ledgerHash: 'a'.repeat(64), scoresSha256: 'b'.repeat(64) },
      '2018-01-05T00:00:00+08:00',
    );
    expect(refusals(run(gov, [published]))).toEqual([[0, 'data.assessmentId', 'UNKNOWN_ASSESSMENT']]);
  });

  it('DUPLICATE_ASSESSMENT and RULEBOOK_MISMATCH', () => {
    expect(refusals(run(gov, [opened(), opened()]))).toEqual([[1, 'data.assessmentId', 'DUPLICATE_ASSESSMENT']]);
    const other = { ...TEST_RULEBOOK, id: 'lc-2018' };
    expect(refusals(run(gov, [opened()], given([], other), other))).toEqual([[0, 'data.rulebook', 'RULEBOOK_MISMATCH']]);
  });

  it('MISSING_EVENT_ID: decide needs the id the caller assigned', () => {
    const { eventId: _dropped, ...anonymous } = registered(street);
    expect(refusals(run(gov, [anonymous]))).toEqual([[0, 'eventId', 'MISSING_EVENT_ID']]);
  });
});
