// A rulebook prepared once for evaluation: rule parameters parsed to rationals, deadlines to epoch milliseconds,
// and the routing of event types to indicators. Cached per rulebook object.
import { parseInstant, MS_PER_MINUTE } from '../instant.js';
import { parseRational, type Rational } from '../rational.js';
import type { FindingMatch, RuleKind } from '../rule-kinds.js';
import type { IndicatorDefinition, PartDefinition, Rulebook } from '../rulebook.types.js';

export type CompiledRule =
  | { kind: 'per-finding-deduction' | 'part-penalty'; per: Rational; finding: FindingMatch; source: RuleKind & { kind: 'per-finding-deduction' | 'part-penalty' } }
  | { kind: 'deadline-batches'; perLate: Rational; batches: { batch: number; due: string; dueMs: number }[] }
  | { kind: 'outage-tiers'; tiers: { withinMs: number; points: Rational }[]; beyond: Rational }
  | { kind: 'linear-rate'; base: Rational; pivot: Rational; slope: Rational; floor?: Rational; gate?: Rational; source: RuleKind & { kind: 'linear-rate' } }
  | { kind: 'stepped-rate'; direction: 'up' | 'down'; base: Rational; pivot: Rational; step: Rational; perStep: Rational; source: RuleKind & { kind: 'stepped-rate' } }
  | { kind: 'tiered-thresholds'; tiers: { atLeast: Rational; points: Rational }[]; otherwise: Rational; source: RuleKind & { kind: 'tiered-thresholds' } }
  | { kind: 'proportional-ratio'; source: RuleKind & { kind: 'proportional-ratio' } }
  | { kind: 'criterion'; source: RuleKind & { kind: 'criterion' } };

export interface CompiledIndicator {
  def: IndicatorDefinition;
  max: Rational;
  rule: CompiledRule;
  /** Position in the rulebook: facts are kept in arrays indexed by it. */
  index: number;
}

export interface CompiledRulebook {
  rulebook: Rulebook;
  indicators: CompiledIndicator[];
  byId: Map<string, CompiledIndicator>;
  parts: { def: PartDefinition; max: Rational; indicators: CompiledIndicator[] }[];
  /** Event type → indicators fed by it without naming one in data.indicator. */
  byTypeOnly: Map<string, CompiledIndicator[]>;
  /** Event types that name their indicator in data.indicator. */
  interpretationOrder: Map<string, number>;
  naInterpretation: string;
}

function compileRule(rule: RuleKind): CompiledRule {
  switch (rule.kind) {
    case 'per-finding-deduction':
    case 'part-penalty':
      return { kind: rule.kind, per: parseRational(rule.per), finding: rule.finding, source: rule };
    case 'deadline-batches':
      return {
        kind: rule.kind,
        perLate: parseRational(rule.perLate),
        batches: rule.batches.map((b) => ({ batch: b.batch, due: b.due, dueMs: parseInstant(b.due) })),
      };
    case 'outage-tiers':
      return {
        kind: rule.kind,
        tiers: rule.tiers.map((t) => ({ withinMs: t.withinMinutes * MS_PER_MINUTE, points: parseRational(t.points) })),
        beyond: parseRational(rule.beyond),
      };
    case 'linear-rate':
      return {
        kind: rule.kind,
        base: parseRational(rule.base),
        pivot: parseRational(rule.pivot),
        slope: parseRational(rule.slope),
        floor: rule.floor === undefined ? undefined : parseRational(rule.floor),
        gate: rule.gate === undefined ? undefined : parseRational(rule.gate),
        source: rule,
      };
    case 'stepped-rate':
      return {
        kind: rule.kind,
        direction: rule.direction,
        base: parseRational(rule.base),
        pivot: parseRational(rule.pivot),
        step: parseRational(rule.step),
        perStep: parseRational(rule.perStep),
        source: rule,
      };
    case 'tiered-thresholds':
      return {
        kind: rule.kind,
        tiers: rule.tiers.map((t) => ({ atLeast: parseRational(t.atLeast), points: parseRational(t.points) })),
        otherwise: parseRational(rule.otherwise),
        source: rule,
      };
    case 'proportional-ratio':
    case 'criterion':
      return { kind: rule.kind, source: rule } as CompiledRule;
    default: {
      const unknown: never = rule;
      throw new Error(`unknown rule kind ${(unknown as { kind: string }).kind}`);
    }
  }
}

const cache = new WeakMap<Rulebook, CompiledRulebook>();

export function compileRulebook(rulebook: Rulebook): CompiledRulebook {
  const cached = cache.get(rulebook);
  if (cached) return cached;
  const indicators = rulebook.indicators.map(
    (def, index): CompiledIndicator => ({ def, max: parseRational(String(def.max)), rule: compileRule(def.rule), index }),
  );
  const byId = new Map(indicators.map((i) => [i.def.id, i]));
  const byTypeOnly = new Map<string, CompiledIndicator[]>();
  for (const indicator of indicators) {
    for (const type of indicator.def.feeds) byTypeOnly.set(type, [...(byTypeOnly.get(type) ?? []), indicator]);
  }
  const compiled: CompiledRulebook = {
    rulebook,
    indicators,
    byId,
    parts: rulebook.parts.map((def) => ({
      def,
      max: parseRational(String(def.max)),
      indicators: indicators.filter((i) => i.def.part === def.id),
    })),
    byTypeOnly,
    interpretationOrder: new Map(Object.keys(rulebook.interpretations).map((id, i) => [id, i])),
    naInterpretation: rulebook.notApplicable?.interpretation ?? 'I-NA',
  };
  cache.set(rulebook, compiled);
  return compiled;
}

/**
 * The indicator an event feeds: the one named by data.indicator when the type feeds it, otherwise the only
 * indicator fed by the type (ListBatchPublished → 2.1, OutageStarted → 4.3 …). Anything else feeds nothing.
 */
export function routeEvent(compiled: CompiledRulebook, type: string, data: Record<string, unknown>): CompiledIndicator | undefined {
  const named = data.indicator;
  if (typeof named === 'string') {
    const indicator = compiled.byId.get(named);
    return indicator && indicator.def.feeds.includes(type) ? indicator : undefined;
  }
  const candidates = compiled.byTypeOnly.get(type);
  return candidates && candidates.length === 1 ? candidates[0] : undefined;
}

/** The indicator of `rulebook` that an event of `type` with `data` feeds, if any (for decide and projections). */
export function indicatorForEvent(rulebook: Rulebook, type: string, data: Record<string, unknown>): IndicatorDefinition | undefined {
  return routeEvent(compileRulebook(rulebook), type, data)?.def;
}
