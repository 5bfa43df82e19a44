// A small hand-written ledger touching every feature the read models index: registrations, findings of several
// types (with and without data.indicator), an outage, a dispute overturned by gov-office, one upheld, a retraction.
import { ledgerEvent, nextEventId } from './projection-test-bed.js';

export const GOV = 'gov-office';
export const CENTRE = 'admin-service-centre';
export const REFORM = 'approval-reform-office';
export const ECON = 'economy-it-bureau';
export const HAIBIN = 'haibin-street';
export const KAIYUAN = 'kaiyuan-street';

export function scenario() {
  const ids = {
    spotFail: nextEventId(),
    spotFail2: nextEventId(),
    metric: nextEventId(),
    batch: nextEventId(),
    outageStart: nextEventId(),
    outageRepair: nextEventId(),
    disputeFiled: nextEventId(),
    disputeResolved: nextEventId(),
    retraction: nextEventId(),
    kaiyuanSpot: nextEventId(),
    kaiyuanDispute: nextEventId(),
    kaiyuanResolved: nextEventId(),
  };
  const events = [
    ledgerEvent('AssessmentOpened', { assessmentId: 'lc-2017', rulebook: 'lc-2017', title: '2017 绩效考核' }, GOV, '2017-01-01T09:00:00+08:00'),
    ledgerEvent('UnitRegistered', { unitId: HAIBIN, name: '海滨街道', kind: 'street' }, GOV, '2017-01-02T09:00:00+08:00'),
    ledgerEvent('UnitRegistered', { unitId: KAIYUAN, name: '开元街道', kind: 'street' }, GOV, '2017-01-02T09:05:00+08:00'),
    ledgerEvent('SpotCheckRecorded', { unitId: HAIBIN, indicator: '3.5', outcome: 'fail', subject: '办件 FJ2017100500123', note: '预审不通过理由仅写“材料不齐全”' }, CENTRE, '2017-10-05T09:30:00+08:00', ids.spotFail),
    ledgerEvent('SpotCheckRecorded', { unitId: HAIBIN, indicator: '3.5', outcome: 'fail', subject: '办件 FJ2017100600007', note: '未一次性告知' }, CENTRE, '2017-10-06T10:00:00+08:00', ids.spotFail2),
    ledgerEvent('MetricMeasured', { unitId: HAIBIN, indicator: '3.2', numerator: 90, denominator: 100 }, CENTRE, '2017-11-30T10:00:00+08:00', ids.metric),
    ledgerEvent('ListBatchPublished', { unitId: HAIBIN, batch: 2, itemCount: 40 }, REFORM, '2017-08-03T10:00:00+08:00', ids.batch),
    ledgerEvent('OutageStarted', { unitId: HAIBIN, outageId: 'o-1', system: '闽政通' }, ECON, '2017-09-01T08:00:00+08:00', ids.outageStart),
    ledgerEvent('OutageRepaired', { unitId: HAIBIN, outageId: 'o-1' }, ECON, '2017-09-01T20:00:00+08:00', ids.outageRepair),
    ledgerEvent('DisputeFiled', { unitId: HAIBIN, disputeId: 'd-1', findingEventIds: [ids.spotFail], grounds: '理由已具体说明' }, HAIBIN, '2017-10-08T09:00:00+08:00', ids.disputeFiled),
    ledgerEvent('DisputeResolved', { unitId: HAIBIN, disputeId: 'd-1', decision: 'overturned', note: '复核属实' }, GOV, '2017-10-20T09:00:00+08:00', ids.disputeResolved),
    ledgerEvent('FindingRetracted', { unitId: HAIBIN, findingEventId: ids.metric, reason: '统计口径错误' }, CENTRE, '2017-12-01T09:00:00+08:00', ids.retraction),
    ledgerEvent('SpotCheckRecorded', { unitId: KAIYUAN, indicator: '6.1', outcome: 'fail', subject: '证照 1', note: '未生成电子证照' }, CENTRE, '2017-10-10T09:00:00+08:00', ids.kaiyuanSpot),
    ledgerEvent('DisputeFiled', { unitId: KAIYUAN, disputeId: 'd-1', findingEventIds: [ids.kaiyuanSpot], grounds: '已生成' }, KAIYUAN, '2017-10-11T09:00:00+08:00', ids.kaiyuanDispute),
    ledgerEvent('DisputeResolved', { unitId: KAIYUAN, disputeId: 'd-1', decision: 'upheld', note: '维持' }, GOV, '2017-10-25T09:00:00+08:00', ids.kaiyuanResolved),
  ];
  return { ids, events };
}
