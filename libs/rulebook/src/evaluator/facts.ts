// What the evaluator keeps of an event: only the fields its indicator's rule needs, so a large ledger can be
// folded without holding raw events.
import type { CompiledIndicator } from './compiled-rulebook.js';

export interface FactRef {
  eventId: string;
  occurredMs: number;
  recordedMs: number;
}

/** Every fact has the same fields (absent ones undefined) so the engine keeps one object shape. */
export interface Fact extends FactRef {
  /** Name of the finding in messages (task, subject, street, fault, reason of a not-applicable). */
  label?: string;
  /** Findings with the same key count once (rule.finding.distinctBy). */
  distinctKey?: string;
  batch?: number;
  outageId?: string;
  /** true for OutageRepaired, false for OutageStarted. */
  repair?: boolean;
  system?: string;
  numerator?: number;
  denominator?: number;
  met?: boolean;
}

/** Valid-time order, then system time, then id: the one total order every "earliest"/"latest" choice uses. */
export function compareRefs(a: FactRef, b: FactRef): number {
  if (a.occurredMs !== b.occurredMs) return a.occurredMs - b.occurredMs;
  if (a.recordedMs !== b.recordedMs) return a.recordedMs - b.recordedMs;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

function fact(ref: FactRef, fields: Partial<Fact>): Fact {
  return {
    eventId: ref.eventId,
    occurredMs: ref.occurredMs,
    recordedMs: ref.recordedMs,
    label: fields.label,
    distinctKey: fields.distinctKey,
    batch: fields.batch,
    outageId: fields.outageId,
    repair: fields.repair,
    system: fields.system,
    numerator: fields.numerator,
    denominator: fields.denominator,
    met: fields.met,
  };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const count = (value: unknown): number | undefined => (Number.isSafeInteger(value) ? (value as number) : undefined);

/** The fact an event contributes to its indicator, or undefined when the rule has no use for it (a passed spot check). */
export function toFact(indicator: CompiledIndicator, type: string, data: Record<string, unknown>, ref: FactRef): Fact | undefined {
  const rule = indicator.rule;
  switch (rule.kind) {
    case 'per-finding-deduction':
    case 'part-penalty': {
      const match = rule.finding;
      if (type !== match.eventType) return undefined;
      if (match.where) for (const field in match.where) if (data[field] !== match.where[field]) return undefined;
      const label = text(data[match.labelField]) ?? ref.eventId;
      const distinctKey = match.distinctBy === undefined ? undefined : String(data[match.distinctBy] ?? '').trim();
      return fact(ref, { label, distinctKey });
    }
    case 'deadline-batches': {
      const batch = count(data.batch);
      return batch === undefined ? undefined : fact(ref, { batch });
    }
    case 'outage-tiers': {
      const outageId = text(data.outageId);
      if (outageId === undefined) return undefined;
      if (type === 'OutageStarted') return fact(ref, { outageId, repair: false, system: text(data.system) ?? '' });
      if (type === 'OutageRepaired') return fact(ref, { outageId, repair: true });
      return undefined;
    }
    case 'linear-rate':
    case 'stepped-rate':
    case 'tiered-thresholds':
    case 'proportional-ratio': {
      const numerator = count(data.numerator);
      const denominator = count(data.denominator);
      if (numerator === undefined || denominator === undefined || denominator <= 0 || numerator < 0) return undefined;
      return fact(ref, { numerator, denominator });
    }
    case 'criterion':
      return typeof data.met === 'boolean' ? fact(ref, { met: data.met }) : undefined;
  }
}

export function notApplicableFact(ref: FactRef, data: Record<string, unknown>): Fact {
  return fact(ref, { label: text(data.reason) ?? '' });
}
