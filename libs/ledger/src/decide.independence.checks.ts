// I-INDEPENDENCE (the rulebook's `independence`): lead units are assessed units too, and no unit assesses itself.
// A unit never records or retracts a finding about itself, nor resolves a dispute about itself; its stand-in does
// (the rulebook names one per unit, else the government office). Filing a dispute about a finding on itself stays
// the unit's own right (checkTheUnitItself).
import { INDICATOR_NOT_APPLICABLE } from '../../../events/index.js';
import type { Rulebook } from '../../rulebook/src/rulebook.types.js';
import { text, type DecideContext } from './decide.context.js';
import { refusal, type Refusal } from './decide.errors.js';

/** Who acts for `unitId` where the rulebook would have it act on itself. */
export function standInFor(rulebook: Rulebook, unitId: string): string {
  return rulebook.independence?.standIns[unitId] ?? rulebook.governmentOffice;
}

/** Who resolves the disputes of `unitId`: the government office, or its stand-in for its own. */
export function disputeResolverFor(rulebook: Rulebook, unitId: string): string {
  return rulebook.independence && unitId === rulebook.governmentOffice ? standInFor(rulebook, unitId) : rulebook.governmentOffice;
}

/** A lead recording a finding (or a not-applicable record) about itself: refused, naming its stand-in. */
export function actsOnItself({ event, actor, rulebook }: DecideContext): Refusal | undefined {
  if (!rulebook.independence || text(event.data.unitId) !== actor.unitId) return undefined;
  const action = event.type === INDICATOR_NOT_APPLICABLE ? 'record an indicator as not applicable' : `record a ${event.type}`;
  return refusal('ACTS_ON_ITSELF', 'actor', { actorUnitId: actor.unitId, action, standIn: standInFor(rulebook, actor.unitId) });
}

/** Retracting a finding about oneself is refused, whoever recorded it. */
export function checkRetractionNotAboutItself({ event, actor, rulebook }: DecideContext): Refusal[] {
  if (!rulebook.independence || text(event.data.unitId) !== actor.unitId) return [];
  return [refusal('ACTS_ON_ITSELF', 'actor', { actorUnitId: actor.unitId, action: 'retract a finding', standIn: standInFor(rulebook, actor.unitId) })];
}

/** Only the unit's dispute resolver resolves its disputes (the government office; its stand-in for its own). */
export function checkDisputeResolver({ event, actor, rulebook }: DecideContext): Refusal[] {
  const unitId = text(event.data.unitId);
  const resolver = disputeResolverFor(rulebook, unitId);
  if (actor.unitId === resolver) return [];
  if (actor.unitId === unitId) {
    return [refusal('ACTS_ON_ITSELF', 'actor', { actorUnitId: actor.unitId, action: 'resolve a dispute', standIn: resolver })];
  }
  if (resolver === rulebook.governmentOffice) {
    return [refusal('NOT_GOVERNMENT_OFFICE', 'actor', { type: event.type, actorUnitId: actor.unitId, governmentOffice: resolver })];
  }
  return [refusal('NOT_DISPUTE_RESOLVER', 'actor', { actorUnitId: actor.unitId, unitId, resolver })];
}
