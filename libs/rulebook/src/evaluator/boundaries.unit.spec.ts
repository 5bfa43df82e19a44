// Per-indicator boundaries: exact durations, exact thresholds, deadlines to the millisecond, offsets.
import type { LedgerEvent } from '../../../../events/envelope.js';
import { evaluate } from './evaluation.js';
import type { IndicatorScore } from './scores.types.js';
import {
  batch, criterion, metric, notApplicable, options, outage, registered, spotCheck, streetMissing, taskIncomplete, UNIT,
} from './test-events.js';

function indicator(id: string, events: LedgerEvent[], asOf?: string): IndicatorScore {
  const doc = evaluate([registered(), ...events], options({ unitId: UNIT, ...(asOf ? { asOf } : {}) }));
  return doc.units[0].indicators[id];
}
const score = (id: string, events: LedgerEvent[], asOf?: string): number => indicator(id, events, asOf).score;

describe('4.3 outage durations (I-OUTAGE)', () => {
  it.each([
    ['exactly 2 h', '2017-10-02T10:00:00+08:00', 20],
    ['2 h 1 min', '2017-10-02T10:01:00+08:00', 18],
    ['2 h and 1 ms', '2017-10-02T10:00:00.001+08:00', 18],
    ['exactly 24 h', '2017-10-03T08:00:00+08:00', 18],
    ['24 h 1 min', '2017-10-03T08:01:00+08:00', 16],
  ])('%s', (_, repairedAt, expected) => {
    expect(score('4.3', outage('o', '2017-10-02T08:00:00+08:00', repairedAt))).toBe(expected);
  });

  it('measures in instants, whatever offset each timestamp is written in', () => {
    // started 08:00 Shanghai written in UTC, repaired 10:00 Shanghai written in +08:00: exactly 2 h.
    expect(score('4.3', outage('o', '2017-10-02T00:00:00Z', '2017-10-02T10:00:00+08:00'))).toBe(20);
    expect(score('4.3', outage('o', '2017-10-02T00:00:00Z', '2017-10-02T02:01:00Z'))).toBe(18);
  });

  it('an open outage is measured at asOf, shown ongoing, and its cost only grows', () => {
    const open = outage('o', '2017-10-02T08:00:00+08:00');
    const at = (asOf: string) => indicator('4.3', open, asOf);
    expect(at('2017-10-02T09:00:00+08:00')).toMatchObject({ score: 20, status: 'ongoing' });
    expect(at('2017-10-02T10:00:00+08:00')).toMatchObject({ score: 20, status: 'ongoing' });
    expect(at('2017-10-02T10:00:00.001+08:00')).toMatchObject({ score: 18, status: 'ongoing' });
    expect(at('2017-10-03T08:00:00.001+08:00')).toMatchObject({ score: 16, status: 'ongoing' });
    expect(at('2017-10-03T08:00:00.001+08:00').trace[0]).toMatchObject({ messageKey: 'outage.ongoing', points: -4 });
  });

  it('a repair after asOf leaves the outage ongoing at asOf', () => {
    const events = outage('o', '2017-10-02T08:00:00+08:00', '2017-10-02T09:00:00+08:00');
    expect(indicator('4.3', events, '2017-10-02T08:30:00+08:00')).toMatchObject({ score: 20, status: 'ongoing' });
    expect(indicator('4.3', events, '2017-10-02T09:00:00+08:00')).toMatchObject({ score: 20, status: 'scored' });
  });

  it('five long outages floor at 0', () => {
    const events = [1, 2, 3, 4, 5, 6].flatMap((d) => outage(`o${d}`, `2017-10-0${d}T00:00:00+08:00`, `2017-10-0${d + 1}T12:00:00+08:00`));
    const result = indicator('4.3', events);
    expect(result.score).toBe(0);
    expect(result.trace.at(-1)).toMatchObject({ messageKey: 'floor', points: 4 });
  });
});

describe('exact thresholds', () => {
  it('3.9a: 94.999% is below 95, 95% reaches it', () => {
    expect(score('3.9a', [metric('3.9a', 94999, 100000)])).toBe(2);
    expect(score('3.9a', [metric('3.9a', 95, 100)])).toBe(4);
    expect(score('3.9a', [metric('3.9a', 18_999_999, 20_000_000)])).toBe(2);
    expect(score('3.9a', [metric('3.9a', 89999, 100000)])).toBe(0);
  });

  it('6.3 tiers at 60/40/30/20/10', () => {
    const cases: [number, number][] = [[600, 50], [599, 40], [400, 40], [399, 30], [300, 30], [200, 20], [100, 10], [99, 0]];
    for (const [n, expected] of cases) expect(score('6.3', [metric('6.3', n, 1000)])).toBe(expected);
  });

  it('2.2 gate at 50, 30 up to 60, then linear to 50', () => {
    const cases: [number, number][] = [[4999, 0], [5000, 30], [5500, 30], [6000, 30], [6550, 35.5], [8000, 50], [10000, 50]];
    for (const [n, expected] of cases) expect(score('2.2', [metric('2.2', n, 10000)])).toBe(expected);
  });

  it('5.2 gate at 80 then 2 per point; 5.1 one point per point below 100', () => {
    expect(score('5.2', [metric('5.2', 7999, 10000)])).toBe(0);
    expect(score('5.2', [metric('5.2', 80, 100)])).toBe(10);
    expect(score('5.2', [metric('5.2', 100, 100)])).toBe(50);
    expect(score('5.1', [metric('5.1', 0, 100)])).toBe(0);
    expect(score('5.1', [metric('5.1', 1, 3)])).toBe(0);
    expect(score('5.1', [metric('5.1', 2, 3)])).toBe(16.67);
  });

  it('I-STEP: 3.6b counts whole 4-point steps, 3.10a whole 10-point steps', () => {
    const cases: [string, number, number][] = [['3.6b', 98, 5], ['3.6b', 96, 4], ['3.6b', 95, 4], ['3.6b', 92, 3], ['3.6b', 80, 0], ['3.6b', 0, 0], ['3.10a', 35, 6], ['3.10a', 100, 10], ['3.10a', 9, 0]];
    for (const [id, p, expected] of cases) expect(score(id, [metric(id, p, 100)])).toBe(expected);
    // 100 − 95.999 = 4.001: one whole step; 100 − 88.001 = 11.999: two; 100 − 88 = 12: three.
    expect(score('3.6b', [metric('3.6b', 95999, 100000)])).toBe(4);
    expect(score('3.6b', [metric('3.6b', 88001, 100000)])).toBe(3);
    expect(score('3.6b', [metric('3.6b', 88, 100)])).toBe(2);
    expect(score('3.10a', [metric('3.10a', 39999, 100000)])).toBe(6);
  });

  it('I-LINEAR rates with caps', () => {
    expect(score('3.3', [metric('3.3', 7, 100)])).toBe(7);
    expect(score('3.3', [metric('3.3', 50, 100)])).toBe(10);
    expect(score('3.4', [metric('3.4', 655, 1000)])).toBe(13.1);
    expect(score('3.6a', [metric('3.6a', 1, 3)])).toBe(3.33);
    expect(score('3.10b', [metric('3.10b', 3, 100)])).toBe(3);
    expect(score('3.2', [metric('3.2', 2, 3)])).toBe(6.67);
  });
});

describe('2.1 deadlines (I-DEADLINE, I-LATE)', () => {
  it('23:59:59 Shanghai on the deadline is on time, 00:00 the next day is late', () => {
    expect(score('2.1', [batch(1, '2017-04-30T23:59:59+08:00'), batch(2, '2017-07-31T23:59:59.999+08:00'), batch(3, '2017-10-31T12:00:00+08:00')])).toBe(50);
    expect(score('2.1', [batch(1, '2017-05-01T00:00:00+08:00'), batch(2, '2017-07-31T12:00:00+08:00'), batch(3, '2017-10-31T12:00:00+08:00')])).toBe(33.33);
  });

  it('the same deadline written in UTC', () => {
    expect(score('2.1', [batch(1, '2017-04-30T15:59:59.999Z'), batch(2, '2017-07-01T00:00:00Z'), batch(3, '2017-10-01T00:00:00Z')])).toBe(50);
    expect(score('2.1', [batch(1, '2017-04-30T16:00:00Z'), batch(2, '2017-07-01T00:00:00Z'), batch(3, '2017-10-01T00:00:00Z')])).toBe(33.33);
  });

  it('an unpublished batch is pending before its deadline and late after it', () => {
    const events = [batch(1, '2017-04-10T10:00:00+08:00')];
    expect(indicator('2.1', events, '2017-07-31T23:59:59.999+08:00')).toMatchObject({ score: 50, status: 'pending' });
    const after = indicator('2.1', events, '2017-08-01T00:00:00+08:00');
    expect(after).toMatchObject({ score: 33.33, status: 'pending' });
    expect(after.trace.map((t) => t.messageKey)).toEqual(['batch.on-time', 'batch.missing', 'batch.pending']);
    expect(indicator('2.1', events)).toMatchObject({ score: 16.67, status: 'scored' });
    expect(indicator('2.1', [])).toMatchObject({ score: 0, status: 'scored' });
  });

  it('the earliest publication of a batch counts', () => {
    expect(score('2.1', [batch(1, '2017-05-03T10:00:00+08:00'), batch(1, '2017-04-03T10:00:00+08:00'), batch(2, '2017-07-03T10:00:00+08:00'), batch(3, '2017-10-03T10:00:00+08:00')])).toBe(50);
  });
});

describe('per-finding deductions', () => {
  it('1.1 −20 per distinct task, 1.2 −10, floors at 0', () => {
    expect(score('1.1', [taskIncomplete('1.1', 'T1'), taskIncomplete('1.1', 'T2')])).toBe(20);
    expect(score('1.1', [taskIncomplete('1.1', 'T1'), taskIncomplete('1.1', 'T1')])).toBe(40);
    expect(score('1.1', ['T1', 'T2', 'T3', 'T4'].map((t) => taskIncomplete('1.1', t)))).toBe(0);
    expect(score('1.2', [taskIncomplete('1.2', 'T1')])).toBe(30);
    expect(score('1.1', [taskIncomplete('1.2', 'T1')])).toBe(60);
  });

  it('3.1 −1 per missing street, at most −10', () => {
    expect(score('3.1', [streetMissing('海滨街道'), streetMissing('开元街道')])).toBe(8);
    expect(score('3.1', Array.from({ length: 12 }, (_, i) => streetMissing(`street ${i}`)))).toBe(0);
  });

  it('spot checks: only failures count, each −2 for 3.5/3.7a, −0.5 for 6.1/6.2', () => {
    expect(score('3.5', [spotCheck('3.5', 'fail'), spotCheck('3.5', 'pass'), spotCheck('3.5', 'fail')])).toBe(6);
    expect(score('3.7a', [spotCheck('3.7a', 'fail')])).toBe(8);
    expect(score('6.2', [spotCheck('6.2', 'fail'), spotCheck('6.1', 'fail')])).toBe(29.5);
  });
});

describe('statuses', () => {
  it('earned indicators are 0 and no-data until evidence arrives', () => {
    expect(indicator('5.1', [])).toEqual({ score: 0, max: 50, status: 'no-data', trace: [] });
    expect(indicator('4.1', [])).toEqual({ score: 0, max: 20, status: 'no-data', trace: [] });
    expect(indicator('6.1', [])).toEqual({ score: 20, max: 20, status: 'scored', trace: [] });
  });

  it('criteria: the latest assessment by occurredAt counts', () => {
    expect(score('4.1', [criterion('4.1', true, '2017-10-01T00:00:00+08:00'), criterion('4.1', false, '2017-09-01T00:00:00+08:00')])).toBe(20);
    expect(score('4.1', [criterion('4.1', true, '2017-08-01T00:00:00+08:00'), criterion('4.1', false, '2017-09-01T00:00:00+08:00')])).toBe(0);
  });

  it('I-LATEST: the latest measurement replaces earlier ones; ties go to the later recordedAt', () => {
    const early = metric('5.2', 90, 100, '2017-10-01T00:00:00+08:00');
    const late = metric('5.2', 80, 100, '2017-11-01T00:00:00+08:00');
    expect(score('5.2', [late, early])).toBe(10);
    expect(score('5.2', [late, early], '2017-10-31T00:00:00+08:00')).toBe(30);
    const a = metric('5.2', 90, 100, '2017-11-01T00:00:00+08:00', UNIT, { recordedAt: '2017-11-02T00:00:00+08:00' });
    const b = metric('5.2', 100, 100, '2017-11-01T00:00:00+08:00', UNIT, { recordedAt: '2017-11-01T12:00:00+08:00' });
    expect(score('5.2', [a, b])).toBe(30);
    expect(score('5.2', [b, a])).toBe(30);
  });

  it('I-NA: not applicable scores the maximum with its trace', () => {
    const na = notApplicable('3.7b');
    expect(indicator('3.7b', [na, criterion('3.7b', false)])).toEqual({
      score: 5, max: 5, status: 'not-applicable',
      trace: [expect.objectContaining({ points: 5, eventIds: [na.eventId], messageKey: 'not-applicable', interpretations: ['I-NA'] })],
    });
    expect(indicator('6.1', [notApplicable('6.1'), spotCheck('6.1', 'fail')])).toMatchObject({ score: 20, status: 'not-applicable', trace: [{ points: 0 }] });
    expect(indicator('3.8', [notApplicable('3.8'), { ...spotCheck('6.1', 'fail') }])).toMatchObject({ score: 0, max: 0, status: 'not-applicable' });
    expect(indicator('3.7b', [na], '2017-08-31T23:59:59.999+08:00')).toMatchObject({ score: 0, status: 'no-data' });
  });
});
