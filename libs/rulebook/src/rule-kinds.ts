// The kinds of rule an indicator can have, as data. Every number is exact text ("50/3", "0.5", "20") parsed to a
// rational by the evaluator; rates are percentages of a MetricMeasured numerator/denominator (p = 100·n/d).
// Not-applicable (I-NA) is not a kind: it applies to any indicator and is handled by the evaluator.
import type { Localized } from './rulebook.types.js';

/** An exact number as text: an integer, a decimal or a fraction ("20", "0.5", "50/3", "-2"). */
export type RationalText = string;

/** Which events are findings of a per-finding rule (after routing by type and data.indicator). */
export interface FindingMatch {
  eventType: string;
  /** Equality conditions on `data`, e.g. `{ outcome: 'fail' }` for spot checks. */
  where?: Record<string, string | number | boolean>;
  /** The `data` field naming the finding in messages (taskRef, subject, street, faultRef). */
  labelField: string;
  /** When set, findings with the same value of this `data` field count once (one missing street, one task). */
  distinctBy?: string;
}

/** Message template of a finding; `{label}` and `{points}` are filled in. */
export type FindingMessage = Localized;

/** Start at max, lose `per` for each finding, never below 0 (1.1, 1.2, 3.1, 3.5, 3.7a, 6.1, 6.2). */
export interface PerFindingDeductionRule {
  kind: 'per-finding-deduction';
  per: RationalText;
  finding: FindingMatch;
  message: FindingMessage;
}

/** No score of its own: `per` off the part total for each finding (3.8, I-PENALTY). */
export interface PartPenaltyRule {
  kind: 'part-penalty';
  per: RationalText;
  finding: FindingMatch;
  message: FindingMessage;
}

/** Batches due by deadlines; each batch published late, or unpublished past its deadline, costs `perLate` (2.1). */
export interface DeadlineBatchesRule {
  kind: 'deadline-batches';
  perLate: RationalText;
  /** `due` is the last instant that is still on time (I-DEADLINE), ISO 8601 with offset. */
  batches: { batch: number; due: string }[];
}

/** Each outage costs by its duration (repaired − started, or asOf − started while open; I-OUTAGE) (4.3). */
export interface OutageTiersRule {
  kind: 'outage-tiers';
  /** Ascending; the first tier whose bound the duration does not exceed applies (bounds are inclusive). Points are
   * signed: a deduction is negative ("-2"). */
  tiers: { withinMinutes: number; points: RationalText }[];
  /** Points (negative) of an outage longer than the last tier. */
  beyond: RationalText;
}

/**
 * Linear in the rate p (I-LINEAR): base + slope·(p − pivot), clamped to [floor, max]. With `gate`, p below the gate
 * scores 0 and the floor only applies from the gate up (2.2: gate 50, base 30, pivot 60, floor 30).
 */
export interface LinearRateRule {
  kind: 'linear-rate';
  base: RationalText;
  pivot: RationalText;
  slope: RationalText;
  floor?: RationalText;
  gate?: RationalText;
  /** How the rate is named in messages. */
  rate: Localized;
}

/**
 * Whole steps only (I-STEP). direction "up": base + perStep·floor((p − pivot)/step);
 * "down": base − perStep·floor((pivot − p)/step); clamped to [0, max].
 */
export interface SteppedRateRule {
  kind: 'stepped-rate';
  direction: 'up' | 'down';
  base: RationalText;
  pivot: RationalText;
  step: RationalText;
  perStep: RationalText;
  rate: Localized;
}

/** The first tier whose threshold p reaches (p ≥ atLeast, compared exactly) gives its points (3.9a–c, 6.3). */
export interface TieredThresholdsRule {
  kind: 'tiered-thresholds';
  /** Descending thresholds. */
  tiers: { atLeast: RationalText; points: RationalText }[];
  otherwise: RationalText;
  rate: Localized;
}

/** max · numerator/denominator (按比例) (3.2). */
export interface ProportionalRatioRule {
  kind: 'proportional-ratio';
  rate: Localized;
}

/** Met: max; not met: 0 — the latest assessment counts (3.7b, 4.1, 4.2, 4.4). */
export interface CriterionRule {
  kind: 'criterion';
  criterion: Localized;
}

export type RuleKind =
  | PerFindingDeductionRule
  | PartPenaltyRule
  | DeadlineBatchesRule
  | OutageTiersRule
  | LinearRateRule
  | SteppedRateRule
  | TieredThresholdsRule
  | ProportionalRatioRule
  | CriterionRule;

export type RuleKindName = RuleKind['kind'];

/** Rule kinds scored from the latest MetricMeasured (I-LATEST). */
export const RATE_RULE_KINDS = ['linear-rate', 'stepped-rate', 'tiered-thresholds', 'proportional-ratio'] as const;
export type RateRule = Extract<RuleKind, { kind: (typeof RATE_RULE_KINDS)[number] }>;

export function isRateRule(rule: RuleKind): rule is RateRule {
  return (RATE_RULE_KINDS as readonly string[]).includes(rule.kind);
}
