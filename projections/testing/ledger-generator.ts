// Generates a realistic, decide-valid ledger for projector tests and the rebuild benchmark: units registered by
// gov-office, findings appended by each indicator's lead, disputes filed by the unit itself and resolved by
// gov-office (some overturned), retractions by the finding's lead. Seeded, so every run gives the same events.
import type { Actor, Evidence } from '../../events/index.js';
import type { EventStore, EventToAppend, StreamAppend } from '../../libs/event-store/src/event-store.port.js';
import { streamIdFor, unitIdOf } from '../../libs/ledger/src/index.js';
import { getRulebook, type Rulebook } from '../../libs/rulebook/src/index.js';

export interface GeneratorOptions {
  /** Total events, registrations included (at least units + 1). */
  events: number;
  units: number;
  seed?: number;
  /** Defaults to lc-2017. */
  rulebook?: Rulebook;
  /** Prefix of the generated unit ids (default "unit"). */
  unitPrefix?: string;
}

export interface GeneratedEvent extends EventToAppend {
  streamId: string;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const YEAR_START = Date.UTC(2017, 0, 2, 1, 0, 0); // 2017-01-02T09:00+08:00
const YEAR_SPAN = 350 * 86_400_000;

function at(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
}

interface UnitMemory {
  unitId: string;
  findings: { eventId: string; actor: string }[];
  openDisputes: { disputeId: string }[];
  openOutages: string[];
  disputes: number;
  outages: number;
  batches: number;
}

/** The events in append order. Lazily produced: a million events never sit in memory at once. */
export function* generateLedger(options: GeneratorOptions): Generator<GeneratedEvent> {
  const rulebook = options.rulebook ?? getRulebook('lc-2017');
  const random = mulberry32(options.seed ?? 2017);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
  const gov = rulebook.governmentOffice;
  const actor = (unitId: string): Actor => ({ unitId, userId: `${unitId}-inspector-${1 + Math.floor(random() * 5)}` });
  const evidence = (): Evidence[] => [{ kind: 'system-record', ref: `record-${hex(10)}` }];
  const fed = (type: string) => rulebook.indicators.filter((d) => d.feeds.includes(type));
  const byType = {
    spot: fed('SpotCheckRecorded'),
    metric: fed('MetricMeasured'),
    task: fed('TaskIncompleteFound'),
    criterion: fed('CriterionAssessed'),
  };
  const leadOf = (type: string, indicator?: string) =>
    (indicator ? rulebook.indicators.find((d) => d.id === indicator) : fed(type)[0])?.leads[0] ?? gov;

  const total = Math.max(options.events, options.units + 1);
  let index = 0;
  let lastMs = YEAR_START;
  const event = (type: string, data: Record<string, unknown>, by: string, withEvidence = true): GeneratedEvent => {
    // Jittered but never earlier than the event before: a retraction, a repair or a resolution never precedes what
    // it refers to, so the ledger passes decide's checks too (`ledger evaluate` of an export).
    const ms = Math.max(lastMs + 1, YEAR_START + Math.floor((index / total) * YEAR_SPAN) + Math.floor(random() * 60_000));
    lastMs = ms;
    index += 1;
    const partial = { type, data };
    return {
      eventId: uuid(),
      type,
      schemaVersion: 1,
      occurredAt: at(ms),
      actor: actor(by),
      evidence: withEvidence ? evidence() : [],
      data,
      unitId: unitIdOf(partial),
      streamId: streamIdFor(partial),
    };
  };

  yield event('AssessmentOpened', { assessmentId: 'lc-2017', rulebook: rulebook.id, title: '2017 互联网+政务服务绩效考核' }, gov, false);
  const prefix = options.unitPrefix ?? 'unit';
  const units: UnitMemory[] = [];
  for (let u = 0; u < options.units; u += 1) {
    const unitId = `${prefix}-${String(u).padStart(4, '0')}`;
    units.push({ unitId, findings: [], openDisputes: [], openOutages: [], disputes: 0, outages: 0, batches: 0 });
    const kind = u === 0 ? 'hi-tech-zone' : u % 7 === 0 ? 'department' : 'street';
    yield event('UnitRegistered', { unitId, name: `单位 ${u}`, kind }, gov, false);
  }

  while (index < total) {
    const unit = pick(units);
    const unitId = unit.unitId;
    const roll = random();
    let out: GeneratedEvent;
    if (roll < 0.02 && unit.findings.length > 0) {
      const finding = unit.findings.splice(Math.floor(random() * unit.findings.length), 1)[0];
      out = event('FindingRetracted', { unitId, findingEventId: finding.eventId, reason: '记录有误' }, finding.actor);
    } else if (roll < 0.03 && unit.findings.length >= 2) {
      const disputeId = `d-${unit.disputes++}`;
      const named = unit.findings.splice(0, 1 + Math.floor(random() * 2)).map((f) => f.eventId);
      unit.openDisputes.push({ disputeId });
      out = event('DisputeFiled', { unitId, disputeId, findingEventIds: named, grounds: '理由具体，不应扣分' }, unitId);
    } else if (roll < 0.04 && unit.openDisputes.length > 0) {
      const { disputeId } = unit.openDisputes.shift() as { disputeId: string };
      const decision = random() < 0.5 ? 'overturned' : 'upheld';
      out = event('DisputeResolved', { unitId, disputeId, decision, note: '经复核' }, gov);
    } else if (roll < 0.06) {
      if (unit.openOutages.length > 0 && random() < 0.7) {
        const outageId = unit.openOutages.shift() as string;
        out = event('OutageRepaired', { unitId, outageId }, leadOf('OutageRepaired'));
      } else {
        const outageId = `o-${unit.outages++}`;
        unit.openOutages.push(outageId);
        out = event('OutageStarted', { unitId, outageId, system: '闽政通' }, leadOf('OutageStarted'));
      }
    } else if (roll < 0.07 && unit.batches < 3) {
      unit.batches += 1;
      out = event('ListBatchPublished', { unitId, batch: unit.batches, itemCount: 10 + Math.floor(random() * 90) }, leadOf('ListBatchPublished'));
    } else if (roll < 0.09) {
      out = event('StreetNotOnboarded', { unitId, street: `街道 ${hex(4)}` }, leadOf('StreetNotOnboarded'));
    } else if (roll < 0.1) {
      out = event('FrontEndFaultRecorded', { unitId, faultRef: `F-${hex(6)}`, note: '前端故障' }, leadOf('FrontEndFaultRecorded'));
    } else if (roll < 0.2) {
      const def = pick(byType.task);
      out = event('TaskIncompleteFound', { unitId, indicator: def.id, taskRef: `T-${hex(6)}`, note: '未按期完成' }, def.leads[0]);
    } else if (roll < 0.3) {
      const def = pick(byType.criterion);
      out = event('CriterionAssessed', { unitId, indicator: def.id, met: random() < 0.7, note: '' }, def.leads[0]);
    } else if (roll < 0.6) {
      const def = pick(byType.metric);
      const denominator = 1 + Math.floor(random() * 500);
      const numerator = Math.floor(denominator * (0.6 + random() * 0.4));
      out = event('MetricMeasured', { unitId, indicator: def.id, numerator, denominator }, def.leads[0]);
    } else {
      const def = pick(byType.spot);
      const outcome = random() < 0.3 ? 'fail' : 'pass';
      out = event('SpotCheckRecorded', { unitId, indicator: def.id, outcome, subject: `办件 ${hex(8)}`, note: '抽查' }, def.leads[0]);
    }
    if (['SpotCheckRecorded', 'TaskIncompleteFound', 'StreetNotOnboarded', 'MetricMeasured'].includes(out.type)) {
      unit.findings.push({ eventId: out.eventId, actor: out.actor.unitId });
      // Only recent findings get disputed or retracted; a bounded list keeps a million-event run small.
      if (unit.findings.length > 20) unit.findings.shift();
    }
    yield out;
  }
}

/** Groups consecutive events into one atomic append (several streams, order kept by stream). */
export function toStreamAppends(events: readonly GeneratedEvent[]): StreamAppend[] {
  const byStream = new Map<string, StreamAppend>();
  for (const e of events) {
    const append = byStream.get(e.streamId) ?? { streamId: e.streamId, expectedRevision: 'any' as const, events: [] };
    const { streamId: _streamId, ...toAppend } = e;
    append.events.push(toAppend);
    byStream.set(e.streamId, append);
  }
  return [...byStream.values()];
}

/** Appends the generated ledger in chunks of `chunk` events; returns the number appended. */
export async function appendGenerated(
  store: EventStore,
  events: Iterable<GeneratedEvent>,
  chunk = 1000,
  onChunk?: (appended: number) => void,
): Promise<number> {
  let buffer: GeneratedEvent[] = [];
  let appended = 0;
  const flush = async () => {
    if (buffer.length === 0) return;
    await store.append(toStreamAppends(buffer));
    appended += buffer.length;
    buffer = [];
    onChunk?.(appended);
  };
  for (const e of events) {
    buffer.push(e);
    if (buffer.length >= chunk) await flush();
  }
  await flush();
  return appended;
}
