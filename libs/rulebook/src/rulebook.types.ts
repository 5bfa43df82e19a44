// The shape of a rulebook version as data. Another year's rulebook is another value of this type;
// the evaluator and decide read only this, never a year-specific constant.
import type { RuleKind } from './rule-kinds.js';

export type PartId = '1' | '2' | '3' | '4' | '5' | '6';

export interface Localized {
  zh: string;
  en: string;
}

export interface IndicatorDefinition {
  /** "1.1" … "6.3", with "3.6a", "3.10b" etc. */
  id: string;
  part: PartId;
  /** Maximum points (0 for a part-total penalty such as 3.8, which has no maximum of its own). */
  max: number;
  kind: 'deduction' | 'earned' | 'penalty';
  /** Event types whose findings feed this indicator (IndicatorNotApplicable and FindingRetracted apply to any). */
  feeds: string[];
  /** Unit ids of the lead units that may append findings for it. */
  leads: string[];
  rule: RuleKind;
  /** Named interpretations (I-…) this indicator's rule applies. */
  interpretations: string[];
  title: Localized;
}

export interface PartDefinition {
  id: PartId;
  /** Every part is scored out of 100 (caps and floors apply to the part total). */
  max: number;
  leads: string[];
  title: Localized;
  /** The interpretation that caps the part's indicator sum at `max` (part 3: I-CAP); shown when the cap clips. */
  capInterpretation?: string;
}

export interface LeadUnit {
  unitId: string;
  name: string;
  kind: 'department';
}

export interface Rulebook {
  id: string;
  /** Valid-time bounds of the assessment year, ISO 8601 with offset. */
  year: { from: string; to: string };
  /** The rulebook's civil time zone as a fixed offset (Asia/Shanghai has had no DST since 1991). */
  utcOffsetMinutes: number;
  /** The unit that registers units, resolves disputes and publishes results (区政府办). */
  governmentOffice: string;
  /** Lead units are fixed by the rulebook and are assessed units too; they need no UnitRegistered event. */
  leadUnits: LeadUnit[];
  parts: PartDefinition[];
  indicators: IndicatorDefinition[];
  interpretations: Record<string, Localized>;
  /** The document this rulebook transcribes. */
  source?: Localized;
  /** Id of the working-day calendar of the year (I-WORKDAY), see calendar/. */
  calendar?: string;
  /** How an indicator recorded as not applicable scores (I-NA); default: its maximum under "I-NA". */
  notApplicable?: { interpretation: string; scoreAs: 'max' };
  /**
   * No unit assesses itself: a unit never records, retracts or resolves a finding or dispute about itself. Where the
   * rulebook would have a unit act on itself, its stand-in acts instead: `standIns[unitId]`, else the government
   * office. Absent: no such rule (older rulebooks).
   */
  independence?: { interpretation: string; standIns: Record<string, string> };
}
