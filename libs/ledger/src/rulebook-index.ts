// Lookups decide makes for every event, computed once per rulebook value (a million-event file asks them a million times).
import { INDICATOR_NOT_APPLICABLE, parseInstant } from '../../../events/index.js';
import type { IndicatorDefinition, Rulebook } from '../../rulebook/src/rulebook.types.js';

export interface RulebookIndex {
  indicator(id: string): IndicatorDefinition | undefined;
  /** The indicators whose `feeds` name this event type. */
  fedBy(type: string): IndicatorDefinition[];
  /** Findings are the events that feed an indicator (plus IndicatorNotApplicable, which applies to any): only they can be retracted or disputed. */
  isFinding(type: string): boolean;
  yearFromMs: number;
  yearToMs: number;
}

const cache = new WeakMap<Rulebook, RulebookIndex>();

export function indexRulebook(rulebook: Rulebook): RulebookIndex {
  const cached = cache.get(rulebook);
  if (cached) return cached;
  const byId = new Map(rulebook.indicators.map((i) => [i.id, i]));
  const fed = new Map<string, IndicatorDefinition[]>();
  for (const indicator of rulebook.indicators) {
    for (const type of indicator.feeds) fed.set(type, [...(fed.get(type) ?? []), indicator]);
  }
  const index: RulebookIndex = {
    indicator: (id) => byId.get(id),
    fedBy: (type) => fed.get(type) ?? [],
    isFinding: (type) => type === INDICATOR_NOT_APPLICABLE || fed.has(type),
    yearFromMs: parseInstant(rulebook.year.from),
    yearToMs: parseInstant(rulebook.year.to),
  };
  cache.set(rulebook, index);
  return index;
}
