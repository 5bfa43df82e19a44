import type { Actor, NewEvent } from '../../../events/index.js';
import { evolveLedgerState, foldLedgerState } from './ledger-state.evolve.js';
import { disputeKey, forkLedgerState, initialLedgerState, isRegisteredUnit, outageKey, type LedgerState } from './ledger-state.js';
import {
  centre,
  disputeFiled,
  disputeResolved,
  econ,
  gov,
  actor,
  opened,
  outageRepaired,
  outageStarted,
  registered,
  retracted,
  spotCheck,
} from './testing/events.builders.js';
import { TEST_RULEBOOK } from './testing/test-rulebook.js';

const street = 'haibin-street';
const as = (by: Actor, event: NewEvent) => ({ ...event, eventId: event.eventId!, actor: by });

function snapshot(state: LedgerState) {
  const tables = state as unknown as Record<string, unknown>;
  return Object.fromEntries(
    ['registeredUnits', 'events', 'disputes', 'outages', 'retracted', 'assessments'].map((k) => [k, [...(tables[k] as Map<string, unknown>)]]),
  );
}

describe('evolveLedgerState', () => {
  const finding = spotCheck(street);
  const other = spotCheck(street, '3.5', '2017-10-06T09:00:00+08:00');
  const history = [
    as(gov, opened()),
    as(gov, registered(street)),
    as(centre, finding),
    as(centre, other),
    as(centre, retracted(street, other.eventId!, '2017-10-07T00:00:00+08:00')),
    as(actor(street), disputeFiled(street, 'd1', [finding.eventId!])),
    as(gov, disputeResolved(street, 'd1', 'overturned', '2017-11-20T00:00:00Z')),
    as(econ, outageStarted(street, 'o1', '2017-10-05T08:00:00+08:00')),
    as(econ, outageRepaired(street, 'o1', '2017-10-05T13:00:00+08:00')),
    as(econ, outageStarted(street, 'o2', '2017-10-09T08:00:00+08:00')),
  ];

  it('remembers units, events, disputes, outages, retractions and assessments', () => {
    const state = foldLedgerState(initialLedgerState(TEST_RULEBOOK), history);
    expect(isRegisteredUnit(state, street)).toBe(true);
    expect(isRegisteredUnit(state, 'gov-office')).toBe(true);
    expect(isRegisteredUnit(state, 'nowhere')).toBe(false);
    expect(state.events.get(finding.eventId!)).toEqual({
      type: 'SpotCheckRecorded',
      actorUnitId: 'admin-service-centre',
      unitId: street,
      indicator: '3.5',
      occurredAtMs: Date.parse('2017-10-05T01:30:00Z'),
    });
    expect(state.events.get(history[0]!.eventId)).toMatchObject({ type: 'AssessmentOpened', unitId: null });
    expect(state.assessments.get('lc-2017-assessment')).toEqual({ rulebook: 'lc-2017', openedAtMs: Date.parse('2017-09-29T02:00:00Z') });
    expect(state.disputes.get(disputeKey(street, 'd1'))).toEqual({
      findingEventIds: [finding.eventId],
      filedAtMs: Date.parse('2017-11-02T01:00:00Z'),
      resolution: 'overturned',
    });
    // An overturned dispute retracts every finding it names, from its own occurredAt.
    expect(state.retracted.get(finding.eventId!)).toBe(Date.parse('2017-11-20T00:00:00Z'));
    expect(state.retracted.get(other.eventId!)).toBe(Date.parse('2017-10-06T16:00:00Z'));
    expect(state.outages.get(outageKey(street, 'o1'))).toEqual({
      startedAtMs: Date.parse('2017-10-05T00:00:00Z'),
      repairedAtMs: Date.parse('2017-10-05T05:00:00Z'),
    });
    expect(state.outages.get(outageKey(street, 'o2'))?.repairedAtMs).toBeNull();
  });

  it('gives the same state folded one event at a time, in chunks, or through forks', () => {
    const whole = foldLedgerState(initialLedgerState(TEST_RULEBOOK), history);
    const stepwise = initialLedgerState(TEST_RULEBOOK);
    for (const e of history) evolveLedgerState(stepwise, e);
    const chunked = foldLedgerState(foldLedgerState(initialLedgerState(TEST_RULEBOOK), history.slice(0, 4)), history.slice(4));
    expect(snapshot(stepwise)).toEqual(snapshot(whole));
    expect(snapshot(chunked)).toEqual(snapshot(whole));
  });

  it('keeps the first version of a repeated event id, as the store does', () => {
    const state = foldLedgerState(initialLedgerState(TEST_RULEBOOK), [as(centre, finding), { ...as(centre, finding), type: 'Other' }]);
    expect(state.events.get(finding.eventId!)?.type).toBe('SpotCheckRecorded');
  });

  it('ignores events decide would refuse rather than throwing (a second repair, an unknown dispute)', () => {
    const state = foldLedgerState(initialLedgerState(TEST_RULEBOOK), history);
    evolveLedgerState(state, as(econ, outageRepaired(street, 'o1', '2017-12-01T00:00:00Z')));
    evolveLedgerState(state, as(gov, disputeResolved(street, 'nope')));
    expect(state.outages.get(outageKey(street, 'o1'))?.repairedAtMs).toBe(Date.parse('2017-10-05T05:00:00Z'));
    expect(state.disputes.has(disputeKey(street, 'nope'))).toBe(false);
  });

  it('folds into a fork without touching the state it was forked from', () => {
    const base = foldLedgerState(initialLedgerState(TEST_RULEBOOK), history.slice(0, 8));
    const before = snapshot(base);
    const fork = foldLedgerState(forkLedgerState(base), history.slice(8));
    expect(fork.outages.get(outageKey(street, 'o1'))?.repairedAtMs).not.toBeNull();
    expect(fork.outages.has(outageKey(street, 'o2'))).toBe(true);
    expect(snapshot(base)).toEqual(before);
  });

  it('shares one copy of each repeated string across events', () => {
    const a = spotCheck(street);
    const b = spotCheck(street);
    const state = foldLedgerState(initialLedgerState(TEST_RULEBOOK), [as(centre, a), as(centre, b)]);
    expect(state.strings.get(street)).toBe(street);
    expect(state.strings.size).toBe(4); // type, actor unit, unit, indicator
  });
});
