import { LC_2017 } from './lc-2017.rulebook.js';
import { getRulebook, listRulebookIds } from './rulebooks.js';
import { indicatorForEvent } from './evaluator/compiled-rulebook.js';

const IDS = [
  '1.1', '1.2', '2.1', '2.2', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6a', '3.6b', '3.7a', '3.7b', '3.8', '3.9a', '3.9b',
  '3.9c', '3.10a', '3.10b', '4.1', '4.2', '4.3', '4.4', '5.1', '5.2', '6.1', '6.2', '6.3',
];

describe('rulebook lc-2017', () => {
  const rb = getRulebook('lc-2017');

  it('is registered and frozen', () => {
    expect(listRulebookIds()).toContain('lc-2017');
    expect(rb).toBe(LC_2017);
    expect(Object.isFrozen(rb.indicators[0].rule)).toBe(true);
    expect(() => getRulebook('lc-2099')).toThrow(/unknown rulebook/);
  });

  it('lists every indicator of the annex once, in order', () => {
    expect(rb.indicators.map((i) => i.id)).toEqual(IDS);
  });

  it('has the annex maxima: 100 per part, 115 in part 3 before the cap', () => {
    const total = (part: string) => rb.indicators.filter((i) => i.part === part).reduce((s, i) => s + i.max, 0);
    expect(['1', '2', '3', '4', '5', '6'].map(total)).toEqual([100, 100, 115, 100, 100, 100]);
    expect(rb.parts.map((p) => p.max)).toEqual([100, 100, 100, 100, 100, 100]);
    const p3 = rb.indicators.find((i) => i.id === '3.8');
    expect(p3).toMatchObject({ max: 0, kind: 'penalty', feeds: ['FrontEndFaultRecorded'], interpretations: ['I-PENALTY'] });
  });

  it('names the lead units of the notice', () => {
    const leads = Object.fromEntries(rb.indicators.map((i) => [i.id, i.leads]));
    expect(leads['1.1']).toEqual(['gov-office', 'economy-it-bureau']);
    expect(leads['2.1']).toEqual(['approval-reform-office']);
    expect(leads['2.2']).toEqual(['admin-service-centre']);
    expect(leads['3.9b']).toEqual(['admin-service-centre']);
    expect(leads['4.3']).toEqual(['economy-it-bureau']);
    expect(leads['5.2']).toEqual(['letters-visits-bureau']);
    expect(leads['6.3']).toEqual(['admin-service-centre']);
    expect(rb.leadUnits.map((u) => u.unitId)).toEqual([
      'gov-office', 'economy-it-bureau', 'approval-reform-office', 'admin-service-centre', 'letters-visits-bureau',
    ]);
    const known = new Set(rb.leadUnits.map((u) => u.unitId));
    for (const i of rb.indicators) for (const l of i.leads) expect(known.has(l)).toBe(true);
  });

  it('routes the event types without data.indicator to one indicator each', () => {
    for (const [type, id] of [['ListBatchPublished', '2.1'], ['StreetNotOnboarded', '3.1'], ['FrontEndFaultRecorded', '3.8'], ['OutageStarted', '4.3'], ['OutageRepaired', '4.3']]) {
      expect(rb.indicators.filter((i) => i.feeds.includes(type)).map((i) => i.id)).toEqual([id]);
    }
  });

  it('defines every interpretation it names, in zh and en', () => {
    const named = new Set([...rb.indicators.flatMap((i) => i.interpretations), ...rb.parts.flatMap((p) => p.capInterpretation ?? []), 'I-NA', 'I-INDEPENDENCE']);
    for (const id of named) expect(rb.interpretations[id]).toBeDefined();
    expect(Object.keys(rb.interpretations).sort()).toEqual(
      ['I-CAP', 'I-DEADLINE', 'I-INDEPENDENCE', 'I-LATE', 'I-LATEST', 'I-LINEAR', 'I-NA', 'I-OUTAGE', 'I-PENALTY', 'I-STEP', 'I-WORKDAY'],
    );
    for (const text of [...Object.values(rb.interpretations), ...rb.indicators.map((i) => i.title), ...rb.parts.map((p) => p.title)]) {
      expect(text.zh.length).toBeGreaterThan(0);
      expect(text.en.length).toBeGreaterThan(0);
    }
  });

  it('covers the assessment year in Asia/Shanghai', () => {
    expect(rb.year).toEqual({ from: '2017-01-01T00:00:00.000+08:00', to: '2017-12-31T23:59:59.999+08:00' });
    expect(rb.utcOffsetMinutes).toBe(480);
    expect(rb.governmentOffice).toBe('gov-office');
  });
});

describe('indicatorForEvent', () => {
  it('routes by data.indicator when the type feeds it, else by type alone', () => {
    expect(indicatorForEvent(LC_2017, 'MetricMeasured', { indicator: '3.9a' })?.id).toBe('3.9a');
    expect(indicatorForEvent(LC_2017, 'MetricMeasured', { indicator: '3.5' })).toBeUndefined();
    expect(indicatorForEvent(LC_2017, 'OutageRepaired', {})?.id).toBe('4.3');
    expect(indicatorForEvent(LC_2017, 'ListBatchPublished', { batch: 1 })?.id).toBe('2.1');
    expect(indicatorForEvent(LC_2017, 'SpotCheckRecorded', {})).toBeUndefined();
    expect(indicatorForEvent(LC_2017, 'UnitRegistered', {})).toBeUndefined();
  });
});
