// The registry of rulebook versions. A new year is a new data file added here; nothing else changes.
import { LC_2017 } from './lc-2017.rulebook.js';
import type { Rulebook } from './rulebook.types.js';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const RULEBOOKS: ReadonlyMap<string, Rulebook> = new Map([LC_2017].map((r) => [r.id, deepFreeze(r)]));

export function getRulebook(id: string): Rulebook {
  const rulebook = RULEBOOKS.get(id);
  if (!rulebook) throw new RangeError(`unknown rulebook "${id}" (known: ${listRulebookIds().join(', ')})`);
  return rulebook;
}

export function findRulebook(id: string): Rulebook | undefined {
  return RULEBOOKS.get(id);
}

export function listRulebookIds(): string[] {
  return [...RULEBOOKS.keys()];
}
