// Who may append what (events.md §2, "who may append"). Leads of indicators are checked with the indicator
// (decide.indicator.checks.ts) and the author of a retracted finding with the retraction.
import { refusal, type Refusal } from './decide.errors.js';
import { text, type DecideContext } from './decide.context.js';

export function checkGovernmentOffice({ event, actor, rulebook }: DecideContext): Refusal[] {
  if (actor.unitId === rulebook.governmentOffice) return [];
  return [refusal('NOT_GOVERNMENT_OFFICE', 'actor', { type: event.type, actorUnitId: actor.unitId, governmentOffice: rulebook.governmentOffice })];
}

/** Disputes and self-assessments speak for the assessed unit, so only that unit may append them. */
export function checkTheUnitItself({ event, actor }: DecideContext): Refusal[] {
  const unitId = text(event.data.unitId);
  if (actor.unitId === unitId) return [];
  return [refusal('NOT_THE_UNIT_ITSELF', 'actor', { type: event.type, actorUnitId: actor.unitId, unitId })];
}
