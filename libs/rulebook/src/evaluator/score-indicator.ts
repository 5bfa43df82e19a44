// Scores one indicator of one unit from its facts, exactly, with a trace entry for every point:
// deduction and penalty traces sum to (score − max), earned traces sum to score.
import { formatLocalDate, formatLocalMinute, MS_PER_HOUR, MS_PER_MINUTE } from '../instant.js';
import {
  add, clamp, div, floor, ge, gt, lt, max, mul, neg, percent, rat, sub, sum, toDecimalText, toDisplayString,
  ZERO, type Rational,
} from '../rational.js';
import type { Localized } from '../rulebook.types.js';
import type { CompiledIndicator, CompiledRule } from './compiled-rulebook.js';
import { compareRefs, type Fact, type FactRef } from './facts.js';
import type { MessageParams } from './messages.js';
import type { IndicatorStatus } from './scores.types.js';

export interface ExactTraceEntry {
  points: Rational;
  messageKey: string;
  /** A template from the rule data; otherwise MESSAGES[messageKey]. */
  template?: Localized;
  params: MessageParams;
  eventIds: string[];
  interpretations: string[];
}

export interface ExactIndicatorScore {
  indicator: CompiledIndicator;
  score: Rational;
  status: IndicatorStatus;
  trace: ExactTraceEntry[];
}

export interface ScoringContext {
  asOfMs: number;
  utcOffsetMinutes: number;
  naInterpretation: string;
}

export interface IndicatorFacts {
  /** Facts not retracted at asOf. */
  active: Fact[];
  /** Facts retracted at asOf, with the retraction that took effect first. */
  retracted: { fact: Fact; by: FactRef }[];
  /** Not-applicable records not retracted at asOf. */
  notApplicable: Fact[];
}

const points = (value: Rational): string => toDisplayString(value);

export function scoreIndicator(indicator: CompiledIndicator, facts: IndicatorFacts, ctx: ScoringContext): ExactIndicatorScore {
  const { def } = indicator;
  if (facts.notApplicable.length > 0) {
    const first = [...facts.notApplicable].sort(compareRefs)[0];
    const earned = def.kind === 'earned';
    return {
      indicator,
      score: indicator.max,
      status: 'not-applicable',
      trace: [
        {
          points: earned ? indicator.max : ZERO,
          messageKey: 'not-applicable',
          params: { reason: first.label ?? '' },
          eventIds: [first.eventId],
          interpretations: [ctx.naInterpretation],
        },
      ],
    };
  }
  const active = [...facts.active].sort(compareRefs);
  const result = scoreRule(indicator, indicator.rule, active, ctx);
  const trace = result.trace;
  for (const { fact, by } of facts.retracted) {
    if (fact.repair === true) continue; // a retracted repair leaves its outage open, which the outage entry shows
    trace.push({
      points: ZERO,
      messageKey: 'finding.retracted',
      params: { label: fact.label ?? fact.outageId ?? fact.eventId, date: formatLocalDate(by.occurredMs, ctx.utcOffsetMinutes), by: by.eventId },
      eventIds: [fact.eventId, by.eventId],
      interpretations: [],
    });
  }
  return { indicator, score: result.score, status: result.status, trace };
}

interface RuleResult {
  score: Rational;
  status: IndicatorStatus;
  trace: ExactTraceEntry[];
}

/** Deductions start at max and stop at 0; when they go further, a positive "floor" entry keeps the trace summing. */
function deductFromMax(indicator: CompiledIndicator, trace: ExactTraceEntry[], status: IndicatorStatus): RuleResult {
  const deducted = sum(trace.map((e) => e.points));
  const raw = add(indicator.max, deducted);
  if (lt(raw, ZERO)) {
    const lift = neg(raw);
    trace.push({ points: lift, messageKey: 'floor', params: { points: points(lift) }, eventIds: [], interpretations: [] });
    return { score: ZERO, status, trace };
  }
  return { score: raw, status, trace };
}

function scoreRule(indicator: CompiledIndicator, rule: CompiledRule, active: Fact[], ctx: ScoringContext): RuleResult {
  const interpretations = indicator.def.interpretations;
  switch (rule.kind) {
    case 'per-finding-deduction':
    case 'part-penalty': {
      const seen = new Set<string>();
      const trace = active.map((fact): ExactTraceEntry => {
        const duplicate = fact.distinctKey !== undefined && seen.has(fact.distinctKey);
        if (fact.distinctKey !== undefined) seen.add(fact.distinctKey);
        if (duplicate) {
          return { points: ZERO, messageKey: 'finding.duplicate', params: { label: fact.label ?? '' }, eventIds: [fact.eventId], interpretations: [] };
        }
        const cost = neg(rule.per);
        return {
          points: cost,
          messageKey: `${rule.kind}.finding`,
          template: rule.source.message,
          params: { label: fact.label ?? '', points: points(cost) },
          eventIds: [fact.eventId],
          interpretations,
        };
      });
      if (rule.kind === 'part-penalty') return { score: sum(trace.map((e) => e.points)), status: 'scored', trace };
      return deductFromMax(indicator, trace, 'scored');
    }
    case 'deadline-batches': {
      let status: IndicatorStatus = 'scored';
      const trace = rule.batches.map((batch): ExactTraceEntry => {
        const published = active.find((f) => f.batch === batch.batch);
        const base = { batch: batch.batch, due: formatLocalDate(batch.dueMs, ctx.utcOffsetMinutes) };
        const cost = neg(rule.perLate);
        if (published) {
          const late = published.occurredMs > batch.dueMs;
          const params = { ...base, published: formatLocalDate(published.occurredMs, ctx.utcOffsetMinutes), points: points(late ? cost : ZERO) };
          return { points: late ? cost : ZERO, messageKey: late ? 'batch.late' : 'batch.on-time', params, eventIds: [published.eventId], interpretations };
        }
        if (ctx.asOfMs > batch.dueMs) {
          const params = { ...base, asOf: formatLocalMinute(ctx.asOfMs, ctx.utcOffsetMinutes), points: points(cost) };
          return { points: cost, messageKey: 'batch.missing', params, eventIds: [], interpretations };
        }
        status = 'pending';
        return { points: ZERO, messageKey: 'batch.pending', params: base, eventIds: [], interpretations };
      });
      return deductFromMax(indicator, trace, status);
    }
    case 'outage-tiers': {
      let status: IndicatorStatus = 'scored';
      const starts = new Map<string, Fact>();
      const repairs = new Map<string, Fact[]>();
      for (const fact of active) {
        const id = fact.outageId as string;
        if (!fact.repair) {
          if (!starts.has(id)) starts.set(id, fact);
        } else repairs.set(id, [...(repairs.get(id) ?? []), fact]);
      }
      const trace = [...starts.values()].map((start): ExactTraceEntry => {
        const repair = (repairs.get(start.outageId as string) ?? []).find((r) => r.occurredMs >= start.occurredMs);
        const endMs = repair ? repair.occurredMs : ctx.asOfMs;
        const durationMs = Math.max(0, endMs - start.occurredMs);
        const tier = rule.tiers.find((t) => durationMs <= t.withinMs);
        const cost = tier ? tier.points : rule.beyond;
        const params: MessageParams = {
          outageId: start.outageId as string,
          system: start.system ?? '',
          started: formatLocalMinute(start.occurredMs, ctx.utcOffsetMinutes),
          duration: formatDuration(durationMs),
          durationMs,
          points: points(cost),
        };
        if (repair) {
          params.repaired = formatLocalMinute(repair.occurredMs, ctx.utcOffsetMinutes);
          return { points: cost, messageKey: 'outage.repaired', params, eventIds: [start.eventId, repair.eventId], interpretations };
        }
        status = 'ongoing';
        params.asOf = formatLocalMinute(ctx.asOfMs, ctx.utcOffsetMinutes);
        return { points: cost, messageKey: 'outage.ongoing', params, eventIds: [start.eventId], interpretations };
      });
      return deductFromMax(indicator, trace, status);
    }
    case 'criterion': {
      const latest = active[active.length - 1];
      if (!latest) return { score: ZERO, status: 'no-data', trace: [] };
      const score = latest.met ? indicator.max : ZERO;
      return {
        score,
        status: 'scored',
        trace: [
          {
            points: score,
            messageKey: latest.met ? 'criterion.met' : 'criterion.not-met',
            params: {
              criterion: rule.source.criterion,
              date: formatLocalDate(latest.occurredMs, ctx.utcOffsetMinutes),
              points: points(score),
            },
            eventIds: [latest.eventId],
            interpretations,
          },
        ],
      };
    }
    default:
      return scoreRate(indicator, rule, active, ctx);
  }
}

function scoreRate(
  indicator: CompiledIndicator,
  rule: Extract<CompiledRule, { kind: 'linear-rate' | 'stepped-rate' | 'tiered-thresholds' | 'proportional-ratio' }>,
  active: Fact[],
  ctx: ScoringContext,
): RuleResult {
  // I-LATEST: the latest measurement replaces earlier ones.
  const latest = active[active.length - 1];
  if (!latest) return { score: ZERO, status: 'no-data', trace: [] };
  const numerator = latest.numerator as number;
  const denominator = latest.denominator as number;
  const p = percent(numerator, denominator);
  const cap = indicator.max;
  const params: MessageParams = {
    percent: toDecimalText(p, 3),
    numerator,
    denominator,
    date: formatLocalDate(latest.occurredMs, ctx.utcOffsetMinutes),
    max: points(cap),
    rate: rule.source.rate,
  };
  let score: Rational;
  let messageKey: string;
  switch (rule.kind) {
    case 'linear-rate': {
      if (rule.gate !== undefined && lt(p, rule.gate)) {
        score = ZERO;
        messageKey = 'rate.below-gate';
        params.gate = toDisplayString(rule.gate);
      } else {
        const linear = add(rule.base, mul(rule.slope, sub(p, rule.pivot)));
        score = clamp(rule.floor === undefined ? linear : max(rule.floor, linear), ZERO, cap);
        messageKey = 'rate.linear';
      }
      break;
    }
    case 'stepped-rate': {
      const distance = rule.direction === 'up' ? sub(p, rule.pivot) : sub(rule.pivot, p);
      const steps = gt(distance, ZERO) ? floor(div(distance, rule.step)) : 0n;
      const moved = mul(rule.perStep, rat(steps));
      score = clamp(rule.direction === 'up' ? add(rule.base, moved) : sub(rule.base, moved), ZERO, cap);
      messageKey = 'rate.stepped';
      params.steps = Number(steps);
      params.step = toDisplayString(rule.step);
      break;
    }
    case 'tiered-thresholds': {
      const tier = rule.tiers.find((t) => ge(p, t.atLeast));
      score = clamp(tier ? tier.points : rule.otherwise, ZERO, cap);
      messageKey = tier ? 'rate.tiered' : 'rate.tiered-none';
      const lowest = rule.tiers[rule.tiers.length - 1];
      params.threshold = toDisplayString(tier ? tier.atLeast : lowest ? lowest.atLeast : ZERO);
      break;
    }
    case 'proportional-ratio':
      score = clamp(mul(cap, rat(numerator, denominator)), ZERO, cap);
      messageKey = 'rate.proportional';
      break;
  }
  params.points = points(score);
  return {
    score,
    status: 'scored',
    trace: [{ points: score, messageKey, params, eventIds: [latest.eventId], interpretations: indicator.def.interpretations }],
  };
}

function formatDuration(ms: number): string {
  const hours = Math.floor(ms / MS_PER_HOUR);
  const minutes = Math.floor((ms % MS_PER_HOUR) / MS_PER_MINUTE);
  const seconds = Math.floor((ms % MS_PER_MINUTE) / 1000);
  return `${hours}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}
