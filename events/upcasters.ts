// Where upcasters plug in. A stored event keeps the shape it was written with; readers see the latest shape.
// When a type gets schemaVersion 2, keep the v1 data class in the registry, add the v2 one, and register an
// upcaster from 1 to 2 here; every reader (evaluator, projections, API) calls `upcast` and never sees v1.
import type { LedgerEvent } from './envelope.js';

export interface Upcaster {
  type: string;
  fromVersion: number;
  toVersion: number;
  up(data: Record<string, unknown>): Record<string, unknown>;
}

const upcasters: Upcaster[] = [];

export function registerUpcaster(upcaster: Upcaster): void {
  if (upcaster.toVersion !== upcaster.fromVersion + 1) throw new Error('an upcaster moves exactly one version up');
  const clash = upcasters.find((u) => u.type === upcaster.type && u.fromVersion === upcaster.fromVersion);
  if (clash) throw new Error(`an upcaster for ${upcaster.type}@${upcaster.fromVersion} is already registered`);
  upcasters.push(upcaster);
}

/** Applies every registered step from the event's version upward; events already at the latest pass unchanged. */
export function upcast<E extends LedgerEvent>(event: E): E {
  let current = event;
  for (;;) {
    const step = upcasters.find((u) => u.type === current.type && u.fromVersion === current.schemaVersion);
    if (!step) return current;
    current = { ...current, schemaVersion: step.toVersion, data: step.up(current.data as Record<string, unknown>) };
  }
}
