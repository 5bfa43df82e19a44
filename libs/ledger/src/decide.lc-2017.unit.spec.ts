// decide against the real lc-2017 rulebook: who leads what, as the annex's 牵头单位 column says.
import { LC_2017 } from '../../rulebook/src/index.js';
import { actor, event, gov, measured, registered, spotCheck } from './testing/events.builders.js';
import { given, refusals, run } from './testing/decide.harness.js';

const street = 'haibin-street';
const state = () => given([[gov, registered(street)]], LC_2017);
const metricBy = (unitId: string, indicator: string) => refusals(run(actor(unitId), [measured(street, indicator, 1, 2)], state(), LC_2017));

describe('decide with lc-2017', () => {
  it('knows the government office and the five lead units', () => {
    expect(LC_2017.governmentOffice).toBe('gov-office');
    expect(run(gov, [registered('xinhua-street')], given([], LC_2017), LC_2017).ok).toBe(true);
    expect(refusals(run(actor('admin-service-centre'), [registered('xinhua-street')], given([], LC_2017), LC_2017))).toEqual([[0, 'actor', 'NOT_GOVERNMENT_OFFICE']]);
  });

  it.each([
    ['2.2', 'admin-service-centre', 'approval-reform-office'],
    ['3.3', 'admin-service-centre', 'economy-it-bureau'],
    ['5.1', 'letters-visits-bureau', 'admin-service-centre'],
    ['5.2', 'letters-visits-bureau', 'gov-office'],
    ['6.3', 'admin-service-centre', 'letters-visits-bureau'],
  ])('lets only the lead of %s (%s) measure it, not %s', (indicator, lead, other) => {
    expect(metricBy(lead, indicator)).toEqual([]);
    expect(metricBy(other, indicator)).toEqual([[0, 'actor', 'NOT_LEAD']]);
  });

  it('2.1 is led by the approval-reform office only; part 1 by the government office and the economy bureau', () => {
    const batch = () => event('ListBatchPublished', { unitId: street, batch: 2, itemCount: 10 });
    expect(run(actor('approval-reform-office'), [batch()], state(), LC_2017).ok).toBe(true);
    expect(refusals(run(actor('admin-service-centre'), [batch()], state(), LC_2017))).toEqual([[0, 'actor', 'NOT_LEAD']]);
    const task = () => event('TaskIncompleteFound', { unitId: street, indicator: '1.2', taskRef: 't', note: '' });
    expect(run(gov, [task()], state(), LC_2017).ok).toBe(true);
    expect(run(actor('economy-it-bureau'), [task()], state(), LC_2017).ok).toBe(true);
  });

  it('refuses indicators lc-2017 does not have or the type does not feed', () => {
    expect(refusals(run(actor('admin-service-centre'), [spotCheck(street, '3.6')], state(), LC_2017))).toEqual([[0, 'data.indicator', 'UNKNOWN_INDICATOR']]);
    expect(refusals(run(actor('admin-service-centre'), [spotCheck(street, '3.6a')], state(), LC_2017))).toEqual([[0, 'data.indicator', 'INDICATOR_NOT_FED']]);
  });
});
