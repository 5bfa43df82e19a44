import type { LedgerEvent } from '../../../../events/index.js';
import { LC_2017 } from '../lc-2017.rulebook.js';
import { unitTimeline } from './unit-timeline.js';

const actor = (unitId: string) => ({ unitId, userId: `${unitId}-1` });
const event = (eventId: string, type: string, occurredAt: string, unitId: string, data: Record<string, unknown>): LedgerEvent => ({
  eventId,
  type,
  schemaVersion: 1,
  occurredAt,
  recordedAt: '2017-12-31T00:00:00+08:00',
  actor: actor(type === 'UnitRegistered' ? 'gov-office' : 'economy-it-bureau'),
  evidence: [],
  data: { unitId, ...data },
});

const registered = event('00000000-0000-4000-8000-000000000001', 'UnitRegistered', '2017-01-02T09:00:00+08:00', 'haibin-street', {
  name: '海滨街道',
  kind: 'street',
});
const started = event('00000000-0000-4000-8000-000000000002', 'OutageStarted', '2017-06-01T10:00:00+08:00', 'haibin-street', {
  outageId: 'o-1',
  system: '闽政通 接入',
});
const repaired = event('00000000-0000-4000-8000-000000000003', 'OutageRepaired', '2017-06-03T10:00:00+08:00', 'haibin-street', {
  outageId: 'o-1',
});

const options = { rulebook: LC_2017, unitId: 'haibin-street', knownAt: '2018-01-01T00:00:00+08:00' };

describe('unitTimeline', () => {
  it('shows the outage start, each threshold it crossed to the millisecond, and the repair', () => {
    const steps = unitTimeline([registered, started, repaired], { ...options, from: '2017-06-01T00:00:00+08:00', to: '2017-06-30T00:00:00+08:00' });
    const outageSteps = steps.map((s) => ({ at: s.at, cause: s.cause, change: s.indicators.find((c) => c.indicator === '4.3') }));
    expect(outageSteps).toEqual([
      { at: '2017-06-01T10:00:00.000+08:00', cause: 'event', change: expect.objectContaining({ after: { score: 20, status: 'ongoing' } }) },
      { at: '2017-06-01T12:00:00.001+08:00', cause: 'time', change: expect.objectContaining({ before: { score: 20, status: 'ongoing' }, after: { score: 18, status: 'ongoing' } }) },
      { at: '2017-06-02T10:00:00.001+08:00', cause: 'time', change: expect.objectContaining({ after: { score: 16, status: 'ongoing' } }) },
      { at: '2017-06-03T10:00:00.000+08:00', cause: 'event', change: expect.objectContaining({ after: { score: 16, status: 'scored' } }) },
    ]);
    const crossing = steps[1];
    // Part 4's earned indicators have no data yet, so the part is 4.3 alone.
    expect(crossing.parts).toEqual([{ part: '4', before: 20, after: 18 }]);
    expect(crossing.overall.after).toBeLessThan(crossing.overall.before);
  });

  it('shows a list-batch deadline passing unpublished as a time step at the first millisecond after it', () => {
    // 2.1 stays "pending" while later batches are still before their deadlines; its score drops by 50/3.
    const steps = unitTimeline([registered], { ...options, from: '2017-04-01T00:00:00+08:00', to: '2017-05-31T00:00:00+08:00' });
    expect(steps).toEqual([
      expect.objectContaining({
        at: '2017-05-01T00:00:00.000+08:00',
        cause: 'time',
        indicators: [expect.objectContaining({ indicator: '2.1', before: { score: 50, status: 'pending' }, after: { score: 33.33, status: 'pending' } })],
      }),
    ]);
  });

  it('does not see what was recorded after knownAt', () => {
    const late = { ...repaired, recordedAt: '2018-02-01T00:00:00+08:00' };
    const steps = unitTimeline([registered, started, late], { ...options, from: '2017-06-01T00:00:00+08:00', to: '2017-06-30T00:00:00+08:00' });
    expect(steps.some((s) => s.events.some((e) => e.type === 'OutageRepaired'))).toBe(false);
  });
});
