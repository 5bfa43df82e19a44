// Who may read what: 区政府办 everything; a lead unit its own unit and, for other units, the indicators it leads;
// any other unit only itself. Pure, from the rulebook.
import type { Actor } from '../../../events/index.js';
import type { Rulebook } from '../../../libs/rulebook/src/rulebook.types.js';

export interface ReadScope {
  /** May read every unit's events of every indicator. */
  everything: boolean;
  /** Indicators this actor leads (readable for every unit). */
  ledIndicators: ReadonlySet<string>;
  ownUnit: string;
}

export function readScopeOf(actor: Actor, rulebook: Rulebook): ReadScope {
  return {
    everything: actor.unitId === rulebook.governmentOffice,
    ledIndicators: new Set(rulebook.indicators.filter((i) => i.leads.includes(actor.unitId)).map((i) => i.id)),
    ownUnit: actor.unitId,
  };
}

/** Scores and whole trails of a unit: its own, or any unit for 区政府办 and the lead units (they assess every unit). */
export function mayReadUnit(scope: ReadScope, unitId: string): boolean {
  return scope.everything || scope.ownUnit === unitId || scope.ledIndicators.size > 0;
}

/** One event of the trail: about the reader's own unit, or of an indicator the reader leads. */
export function mayReadEvent(scope: ReadScope, event: { unitId: string | null; indicators: readonly string[] }): boolean {
  if (scope.everything) return true;
  if (event.unitId === scope.ownUnit) return true;
  return event.indicators.some((i) => scope.ledIndicators.has(i));
}

export function mayReadEverything(scope: ReadScope): boolean {
  return scope.everything;
}
