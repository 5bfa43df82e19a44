// A small rulebook for unit tests of decide: the shape of lc-2017 with a few indicators, so tests do not depend on
// the real rulebook's data (tested against it separately once it exists).
import type { IndicatorDefinition, Rulebook } from '../../../rulebook/src/rulebook.types.js';

export const GOV = 'gov-office';
export const ECON = 'economy-it-bureau';
export const REFORM = 'approval-reform-office';
export const CENTRE = 'admin-service-centre';
export const LETTERS = 'letters-visits-bureau';

const indicator = (id: string, kind: IndicatorDefinition['kind'], max: number, feeds: string[], leads: string[]): IndicatorDefinition => ({
  id,
  part: id.charAt(0) as IndicatorDefinition['part'],
  max,
  kind,
  feeds,
  leads,
  rule: { kind: 'test' } as unknown as IndicatorDefinition['rule'],
  interpretations: [],
  title: { zh: id, en: id },
});

export const TEST_RULEBOOK: Rulebook = {
  id: 'lc-2017',
  year: { from: '2017-01-01T00:00:00.000+08:00', to: '2017-12-31T23:59:59.999+08:00' },
  utcOffsetMinutes: 480,
  governmentOffice: GOV,
  leadUnits: [GOV, ECON, REFORM, CENTRE, LETTERS].map((unitId) => ({ unitId, name: unitId, kind: 'department' as const })),
  parts: (['1', '2', '3', '4', '5', '6'] as const).map((id) => ({ id, max: 100, leads: [], title: { zh: id, en: id } })),
  indicators: [
    indicator('1.1', 'deduction', 60, ['TaskIncompleteFound'], [GOV, ECON]),
    indicator('2.1', 'deduction', 50, ['ListBatchPublished'], [REFORM]),
    indicator('3.1', 'deduction', 10, ['StreetNotOnboarded'], [CENTRE]),
    indicator('3.5', 'deduction', 10, ['SpotCheckRecorded'], [CENTRE]),
    indicator('3.8', 'penalty', 0, ['FrontEndFaultRecorded'], [CENTRE]),
    indicator('4.1', 'earned', 20, ['CriterionAssessed'], [ECON]),
    indicator('4.3', 'deduction', 20, ['OutageStarted', 'OutageRepaired'], [ECON]),
    indicator('5.2', 'earned', 50, ['MetricMeasured'], [LETTERS]),
    indicator('6.3', 'earned', 50, ['MetricMeasured'], [CENTRE]),
  ],
  interpretations: {},
};
