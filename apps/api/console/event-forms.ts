// The record forms of the console, derived from the event catalogue (events/): each type's data fields as class-validator
// states them, so the browser shows the same fields, choices and limits the API enforces, with no second copy.
import { getMetadataStorage } from 'class-validator';
import { EVENT_DEFINITIONS, type EventDefinition } from '../../../events/index.js';
import type { Rulebook } from '../../../libs/rulebook/src/index.js';

export type FieldKind = 'text' | 'integer' | 'boolean' | 'choice' | 'unit' | 'indicator' | 'event-ids' | 'part-scores';

export interface FormField {
  name: string;
  kind: FieldKind;
  /** For `choice`: the allowed values; for `indicator`: the indicators this type feeds that the caller may record. */
  options?: (string | number)[];
  maxLength?: number;
  min?: number;
  /** Empty text is refused (IsNotEmpty). */
  required: boolean;
  pattern?: string;
}

export interface EventForm {
  type: string;
  schemaVersion: number;
  /** Reference data needs no evidence; a finding needs at least one piece. */
  evidenceRequired: boolean;
  fields: FormField[];
}

type Meta = { name?: string; type: string; constraints?: unknown[]; each?: boolean };

/** class-validator's rule names (and our custom ValidateBy names) to the kind of input they call for. */
function fieldOf(name: string, rules: Meta[]): FormField {
  const has = (rule: string) => rules.some((r) => r.name === rule);
  const constraint = (rule: string) => rules.find((r) => r.name === rule)?.constraints?.[0];
  const field: FormField = { name, kind: 'text', required: has('isNotEmpty') || !has('maxLength') };
  if (name === 'unitId') field.kind = 'unit';
  else if (name === 'indicator') field.kind = 'indicator';
  else if (has('isIn')) {
    field.kind = 'choice';
    field.options = [...(constraint('isIn') as (string | number)[])];
  } else if (has('isBoolean')) field.kind = 'boolean';
  else if (has('isInt')) field.kind = 'integer';
  else if (has('isArray') && rules.some((r) => r.name === 'isUuid' && r.each)) field.kind = 'event-ids';
  else if (has('isPartScores')) field.kind = 'part-scores';
  const maxLength = constraint('maxLength');
  if (typeof maxLength === 'number') field.maxLength = maxLength;
  const mins = rules.filter((r) => r.name === 'min').map((r) => r.constraints?.[0] as number);
  if (mins.length > 0) field.min = Math.max(...mins);
  const pattern = constraint('matches');
  if (pattern instanceof RegExp && field.kind === 'text') field.pattern = pattern.source;
  if (field.kind !== 'text') field.required = true;
  return field;
}

export function formOf(definition: EventDefinition): EventForm {
  const metas = getMetadataStorage().getTargetValidationMetadatas(definition.dataClass, '', true, false) as unknown as (Meta & { propertyName: string })[];
  const byField = new Map<string, Meta[]>();
  for (const m of metas) byField.set(m.propertyName, [...(byField.get(m.propertyName) ?? []), m]);
  return {
    type: definition.type,
    schemaVersion: definition.schemaVersion,
    evidenceRequired: !definition.referenceData,
    fields: [...byField].map(([name, rules]) => fieldOf(name, rules)),
  };
}

// Types only 区政府办 appends, and types a unit appends about itself (events.md §2, "who may append").
const GOVERNMENT_ONLY = new Set(['AssessmentOpened', 'UnitRegistered', 'DisputeResolved', 'ResultsPublished']);
const THE_UNIT_ITSELF = new Set(['DisputeFiled', 'SelfAssessmentSubmitted']);
const ANY_INDICATOR = new Set(['IndicatorNotApplicable']);

/**
 * The forms this unit may use, each indicator field narrowed to the indicators the unit leads and the type feeds.
 * A convenience for the page only: the API's decide step stays the authority and its refusals are shown as they come.
 */
export function formsFor(unitId: string, rulebook: Rulebook): EventForm[] {
  const led = rulebook.indicators.filter((i) => i.leads.includes(unitId));
  const isGovernment = unitId === rulebook.governmentOffice;
  const forms: EventForm[] = [];
  for (const definition of EVENT_DEFINITIONS) {
    const type = definition.type;
    let indicators: string[] = [];
    if (GOVERNMENT_ONLY.has(type)) {
      if (!isGovernment || type === 'ResultsPublished') continue; // publishing has its own page and route
    } else if (THE_UNIT_ITSELF.has(type)) {
      if (led.length > 0 || isGovernment) continue; // offices assess; assessed units file and self-assess
    } else if (type === 'FindingRetracted') {
      if (led.length === 0 && !isGovernment) continue;
    } else {
      indicators = (ANY_INDICATOR.has(type) ? led : led.filter((i) => i.feeds.includes(type))).map((i) => i.id);
      if (indicators.length === 0) continue;
    }
    const form = formOf(definition);
    for (const f of form.fields) if (f.kind === 'indicator') f.options = indicators;
    forms.push(form);
  }
  return forms;
}
