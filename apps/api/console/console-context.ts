// What the console needs to know about the rulebook and the caller, from the same sources the API decides with.
import { EVENT_DEFINITIONS, type Actor } from '../../../events/index.js';
import { indexRulebook } from '../../../libs/ledger/src/rulebook-index.js';
import type { Rulebook } from '../../../libs/rulebook/src/index.js';
import { readScopeOf } from '../auth/read-policy.js';
import { formsFor, type EventForm } from './event-forms.js';

export type Role = 'gov-office' | 'lead' | 'unit';

export interface Me {
  actor: Actor;
  role: Role;
  /** Indicators this caller leads (records findings for, reads for every unit). */
  ledIndicators: string[];
  /** What the API will let this key do; the page hides the rest (the API still refuses it). */
  may: { readRankings: boolean; readEveryUnit: boolean; publishResults: boolean; resolveDisputes: boolean; fileDisputes: boolean; record: boolean };
  forms: EventForm[];
}

export function meOf(actor: Actor, rulebook: Rulebook): Me {
  const scope = readScopeOf(actor, rulebook);
  const role: Role = scope.everything ? 'gov-office' : scope.ledIndicators.size > 0 ? 'lead' : 'unit';
  const forms = formsFor(actor.unitId, rulebook);
  return {
    actor,
    role,
    ledIndicators: [...scope.ledIndicators],
    may: {
      readRankings: role !== 'unit',
      readEveryUnit: role !== 'unit',
      publishResults: role === 'gov-office',
      resolveDisputes: role === 'gov-office',
      fileDisputes: forms.some((f) => f.type === 'DisputeFiled'),
      record: forms.length > 0,
    },
    forms,
  };
}

export interface Milestone {
  /** Valid time, end of the day in the rulebook's offset. */
  at: string;
  key: 'month-end' | 'self-assessment-due' | 'year-end';
}

/** Month ends of the assessment year, the self-assessment deadline (rulebook-2017: reports due 2017-11-12), the year end. */
export function milestonesOf(rulebook: Rulebook): Milestone[] {
  const year = Number(rulebook.year.to.slice(0, 4));
  const offset = rulebook.year.to.slice(-6);
  const endOfDay = (m: number, d: number) => `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T23:59:59.999${offset}`;
  const lastDay = (m: number) => new Date(Date.UTC(year, m, 0)).getUTCDate();
  const out: Milestone[] = [];
  for (let m = 1; m <= 11; m++) {
    out.push({ at: endOfDay(m, lastDay(m)), key: 'month-end' });
    if (m === 11) out.push({ at: endOfDay(11, 12), key: 'self-assessment-due' });
  }
  out.push({ at: rulebook.year.to, key: 'year-end' });
  return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** The rulebook as the console shows it: titles, maxima, leads and interpretations, and the year's milestones. */
export function rulebookView(r: Rulebook) {
  return {
    id: r.id,
    year: r.year,
    governmentOffice: r.governmentOffice,
    leadUnits: r.leadUnits,
    parts: r.parts,
    indicators: r.indicators.map(({ id, part, max, kind, feeds, leads, interpretations, title }) => ({ id, part, max, kind, feeds, leads, interpretations, title })),
    interpretations: r.interpretations,
    milestones: milestonesOf(r),
    eventTypes: eventTypesOf(r),
  };
}

/** Every event type of the catalogue, and whether it is a finding (the kind a unit may dispute) under this rulebook. */
function eventTypesOf(r: Rulebook): { type: string; finding: boolean }[] {
  const index = indexRulebook(r);
  return [...new Set(EVENT_DEFINITIONS.map((d) => d.type))].map((type) => ({ type, finding: index.isFinding(type) }));
}
export type RulebookView = ReturnType<typeof rulebookView>;
