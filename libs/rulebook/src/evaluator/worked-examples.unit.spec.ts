// The 8 worked examples of spec/rulebook-2017.md, at evaluator level.
import { evaluate } from './evaluation.js';
import type { UnitScores } from './scores.types.js';
import { batch, fault, fullMarks, metric, options, outage, registered, spotCheck, UNIT } from './test-events.js';
import type { LedgerEvent } from '../../../../events/envelope.js';

function unitOf(events: LedgerEvent[]): UnitScores {
  const doc = evaluate([registered(), ...events], options({ unitId: UNIT }));
  expect(doc.units).toHaveLength(1);
  return doc.units[0];
}

/** fullMarks() with the events of the given indicators (or batches) replaced. */
function fullMarksWithout(predicate: (e: LedgerEvent) => boolean): LedgerEvent[] {
  return fullMarks().filter((e) => !predicate(e));
}

describe('worked examples of rulebook-2017.md', () => {
  it('1. no findings, everything measured at 100% or met: every part 100, overall 100', () => {
    const unit = unitOf(fullMarks());
    expect(unit.parts).toEqual({ '1': 100, '2': 100, '3': 100, '4': 100, '5': 100, '6': 100 });
    expect(unit.overall).toBe(100);
    expect(Object.values(unit.indicators).every((i) => i.status === 'scored')).toBe(true);
    expect(unit.indicators['3.8']).toEqual({ score: 0, max: 0, status: 'scored', trace: [] });
  });

  it('2. batch 2 published 2017-08-03: 2.1 = 50 − 50/3 = 33.33, part 2 = 83.33', () => {
    const late = batch(2, '2017-08-03T10:00:00+08:00');
    const unit = unitOf([...fullMarksWithout((e) => e.type === 'ListBatchPublished' && (e.data as { batch: number }).batch === 2), late]);
    expect(unit.indicators['2.1'].score).toBe(33.33);
    expect(unit.indicators['2.1'].status).toBe('scored');
    expect(unit.parts['2']).toBe(83.33);
    expect(unit.overall).toBe(97.22);
    const lateEntry = unit.indicators['2.1'].trace.find((t) => t.points !== 0);
    expect(lateEntry).toMatchObject({
      points: -16.67,
      pointsExact: '-50/3',
      rule: 'batch 2 due 2017-07-31, published 2017-08-03',
      eventIds: [late.eventId],
      messageKey: 'batch.late',
      interpretations: ['I-DEADLINE', 'I-LATE'],
    });
    expect(lateEntry?.zh).toContain('第2批');
    expect(unit.interpretations).toEqual(expect.arrayContaining(['I-DEADLINE', 'I-LATE', 'I-LINEAR']));
  });

  it('3. 2.2 with 130 of 200 items: p = 65 → 35', () => {
    const m = metric('2.2', 130, 200);
    const unit = unitOf([m]);
    expect(unit.indicators['2.2']).toMatchObject({ score: 35, max: 50, status: 'scored' });
    expect(unit.indicators['2.2'].trace).toEqual([expect.objectContaining({ points: 35, eventIds: [m.eventId], messageKey: 'rate.linear' })]);
  });

  it('4. outages of 1 h, 5 h and 30 h, all repaired: 4.3 = 20 − 0 − 2 − 4 = 14', () => {
    const events = [
      ...outage('o-1', '2017-10-02T08:00:00+08:00', '2017-10-02T09:00:00+08:00'),
      ...outage('o-2', '2017-10-03T08:00:00+08:00', '2017-10-03T13:00:00+08:00'),
      ...outage('o-3', '2017-10-04T08:00:00+08:00', '2017-10-05T14:00:00+08:00'),
    ];
    const unit = unitOf(events);
    expect(unit.indicators['4.3'].score).toBe(14);
    expect(unit.indicators['4.3'].status).toBe('scored');
    expect(unit.indicators['4.3'].trace.map((t) => t.points)).toEqual([0, -2, -4]);
    expect(unit.indicators['4.3'].trace[2].eventIds).toEqual([events[4].eventId, events[5].eventId]);
  });

  it('5. satisfaction 90%: 5.2 = 30; closure-reply 97%: 5.1 = 47', () => {
    const unit = unitOf([metric('5.2', 90, 100), metric('5.1', 97, 100)]);
    expect(unit.indicators['5.2'].score).toBe(30);
    expect(unit.indicators['5.1'].score).toBe(47);
    expect(unit.parts['5']).toBe(77);
  });

  it('6. 3.9 with a = 94, b = 80, c = 79.9: 2 + 4 + 0 = 6', () => {
    const unit = unitOf([metric('3.9a', 94, 100), metric('3.9b', 80, 100), metric('3.9c', 799, 1000)]);
    expect([unit.indicators['3.9a'].score, unit.indicators['3.9b'].score, unit.indicators['3.9c'].score]).toEqual([2, 4, 0]);
    expect(unit.indicators['3.9c'].trace[0]).toMatchObject({ points: 0, messageKey: 'rate.tiered-none' });
  });

  it('7. part 3 at maximum (115 before the cap) with two 3.8 occurrences: min(100, 115) − 6 = 94', () => {
    const f1 = fault('FE-1');
    const f2 = fault('FE-2', '2017-11-02T10:00:00+08:00');
    const unit = unitOf([...fullMarks(), f1, f2]);
    expect(unit.parts['3']).toBe(94);
    expect(unit.indicators['3.8']).toMatchObject({ score: -6, max: 0, status: 'scored' });
    expect(unit.indicators['3.8'].trace.map((t) => [t.points, t.eventIds])).toEqual([[-3, [f1.eventId]], [-3, [f2.eventId]]]);
    expect(unit.interpretations).toEqual(expect.arrayContaining(['I-CAP', 'I-PENALTY']));
  });

  it('8. 6.1 with 41 failed spot checks: 20 − 20.5 → 0 (floor), the trace says so', () => {
    const checks = Array.from({ length: 41 }, (_, i) => spotCheck('6.1', 'fail', `2017-10-${String(1 + (i % 28)).padStart(2, '0')}T09:00:00+08:00`));
    const unit = unitOf([...checks, spotCheck('6.1', 'pass')]);
    const six = unit.indicators['6.1'];
    expect(six.score).toBe(0);
    expect(six.trace.filter((t) => t.points === -0.5)).toHaveLength(41);
    expect(six.trace.at(-1)).toMatchObject({ messageKey: 'floor', points: 0.5, eventIds: [] });
    expect(new Set(six.trace.flatMap((t) => t.eventIds))).toEqual(new Set(checks.map((c) => c.eventId)));
  });
});
