// I-INDEPENDENCE of lc-2017: no unit records, retracts or resolves a finding or dispute about itself (issue 10:
// admin-service-centre scored its own 3.2 at 100/100; gov-office retracted, and through its own dispute overturned,
// another lead's finding about gov-office).
import { LC_2017 } from '../../rulebook/src/lc-2017.rulebook.js';
import { centre, disputeFiled, disputeResolved, econ, event, gov, measured, retracted, spotCheck } from './testing/events.builders.js';
import { given, refusals, run } from './testing/decide.harness.js';

const rb = LC_2017;
const task = (unitId: string, indicator = '1.2') => event('TaskIncompleteFound', { unitId, indicator, taskRef: 't-1', note: '' });

describe('decide: no unit assesses itself (lc-2017, I-INDEPENDENCE)', () => {
  it('refuses a lead recording a finding about itself, naming its stand-in; the stand-in may record it', () => {
    const own = run(centre, [measured('admin-service-centre', '3.2', 100, 100)], given([], rb), rb);
    expect(refusals(own)).toEqual([[0, 'actor', 'ACTS_ON_ITSELF']]);
    expect(!own.ok && own.problems[0].reason).toContain('"gov-office" does');
    expect(run(gov, [measured('admin-service-centre', '3.2', 90, 100)], given([], rb), rb).ok).toBe(true);
    // gov-office on itself: refused; its stand-in, the co-organiser 区经信局, records it (it co-leads part 1 anyway).
    expect(refusals(run(gov, [task('gov-office')], given([], rb), rb))).toEqual([[0, 'actor', 'ACTS_ON_ITSELF']]);
    expect(run(econ, [task('gov-office')], given([], rb), rb).ok).toBe(true);
    expect(refusals(run(centre, [event('IndicatorNotApplicable', { unitId: 'admin-service-centre', indicator: '3.5', reason: 'x' })], given([], rb), rb))).toEqual([
      [0, 'actor', 'ACTS_ON_ITSELF'],
    ]);
  });

  it('still lets another lead record a finding about a lead unit, and a stand-in only where the subject leads', () => {
    expect(run(centre, [spotCheck('gov-office', '3.5')], given([], rb), rb).ok).toBe(true);
    // gov-office does not lead 3.2 and admin-service-centre is not the subject: no stand-in right for another unit.
    expect(refusals(run(gov, [measured('economy-it-bureau', '3.2', 1, 2)], given([], rb), rb))).toEqual([[0, 'actor', 'NOT_LEAD']]);
  });

  it('refuses gov-office retracting a finding about itself; the author and 区经信局 may', () => {
    const finding = task('gov-office');
    const history = given([[econ, finding]], rb);
    expect(refusals(run(gov, [retracted('gov-office', finding.eventId!)], history, rb))).toEqual([[0, 'actor', 'ACTS_ON_ITSELF']]);
    expect(run(econ, [retracted('gov-office', finding.eventId!)], history, rb).ok).toBe(true);
    const byCentre = spotCheck('gov-office', '3.5');
    expect(run(econ, [retracted('gov-office', byCentre.eventId!)], given([[centre, byCentre]], rb), rb).ok).toBe(true);
  });

  it('has a dispute of gov-office resolved by 区经信局, never by gov-office itself', () => {
    const finding = task('gov-office');
    const history = given([[econ, finding], [gov, disputeFiled('gov-office', 'd-1', [finding.eventId!])]], rb);
    const self = run(gov, [disputeResolved('gov-office', 'd-1')], history, rb);
    expect(refusals(self)).toEqual([[0, 'actor', 'ACTS_ON_ITSELF']]);
    expect(!self.ok && self.problems[0].reason).toContain('"economy-it-bureau" does');
    expect(run(econ, [disputeResolved('gov-office', 'd-1')], history, rb).ok).toBe(true);
    expect(refusals(run(centre, [disputeResolved('gov-office', 'd-1')], history, rb))).toEqual([[0, 'actor', 'NOT_DISPUTE_RESOLVER']]);
  });

  it('keeps gov-office the resolver of every other unit, and a unit filing disputes about findings on itself', () => {
    const finding = spotCheck('admin-service-centre', '3.5');
    const history = given([[gov, finding], [centre, disputeFiled('admin-service-centre', 'd-2', [finding.eventId!])]], rb);
    expect(run(gov, [disputeResolved('admin-service-centre', 'd-2')], history, rb).ok).toBe(true);
    expect(refusals(run(econ, [disputeResolved('admin-service-centre', 'd-2')], history, rb))).toEqual([[0, 'actor', 'NOT_GOVERNMENT_OFFICE']]);
    expect(refusals(run(centre, [disputeResolved('admin-service-centre', 'd-2')], history, rb))).toEqual([[0, 'actor', 'ACTS_ON_ITSELF']]);
  });
});
