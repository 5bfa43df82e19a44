// The state decide needs, and nothing more: what exists (units, events, disputes, outages, assessments), never scores.
// It is folded from events by ledger-state.evolve.ts; the CLI folds a whole file, the API folds the few streams a
// command touches (see streamsToLoad), so the tables are small maps that can also be layered (forkLedgerState).
import type { Rulebook } from '../../rulebook/src/rulebook.types.js';

/** The part of a Map a fold needs; a native Map satisfies it, and so does an overlay on another table. */
export interface Table<K, V> {
  get(key: K): V | undefined;
  has(key: K): boolean;
  set(key: K, value: V): unknown;
}

/** What decide remembers of an event: enough to check a retraction or a dispute against it, kept small for 1M events. */
export interface KnownEvent {
  type: string;
  actorUnitId: string;
  /** The assessed unit, or null for assessment-level events. */
  unitId: string | null;
  /** data.indicator when the type carries one. */
  indicator: string | null;
  occurredAtMs: number;
}

export interface DisputeState {
  findingEventIds: readonly string[];
  filedAtMs: number;
  resolution: 'upheld' | 'overturned' | null;
}

export interface OutageState {
  startedAtMs: number;
  repairedAtMs: number | null;
}

export interface AssessmentState {
  rulebook: string;
  openedAtMs: number;
}

export interface LedgerState {
  /** The rulebook's lead units: registered by the rulebook itself, no UnitRegistered needed. */
  readonly leadUnits: ReadonlySet<string>;
  /** Units introduced by a UnitRegistered event. */
  readonly registeredUnits: Table<string, true>;
  readonly events: Table<string, KnownEvent>;
  /** Keyed by disputeKey(unitId, disputeId): dispute ids are the unit's own, so two units may reuse one. */
  readonly disputes: Table<string, DisputeState>;
  /** Keyed by outageKey(unitId, outageId). */
  readonly outages: Table<string, OutageState>;
  /** Finding id → the earliest time it stops counting (a FindingRetracted or an overturning DisputeResolved). */
  readonly retracted: Table<string, number>;
  readonly assessments: Table<string, AssessmentState>;
  /**
   * Interning pool for the few distinct strings (types, unit ids) repeated across a million events; JSON.parse
   * gives each occurrence its own copy. Not part of the meaning of the state, so forks share it.
   */
  readonly strings: Map<string, string>;
}

// Unit ids match /^[a-z0-9][a-z0-9-]*$/, so "/" cannot occur in them and the composite key is unambiguous.
export { disputeKey } from '../../../events/index.js';
export const outageKey = (unitId: string, outageId: string): string => `${unitId}/${outageId}`;

export function initialLedgerState(rulebook: Pick<Rulebook, 'leadUnits'>): LedgerState {
  return {
    leadUnits: new Set(rulebook.leadUnits.map((u) => u.unitId)),
    registeredUnits: new Map(),
    events: new Map(),
    disputes: new Map(),
    outages: new Map(),
    retracted: new Map(),
    assessments: new Map(),
    strings: new Map(),
  };
}

export function isRegisteredUnit(state: LedgerState, unitId: string): boolean {
  return state.leadUnits.has(unitId) || state.registeredUnits.has(unitId);
}

class OverlayTable<K, V> implements Table<K, V> {
  private readonly own = new Map<K, V>();
  constructor(private readonly base: Table<K, V>) {}
  get(key: K): V | undefined {
    return this.own.has(key) ? this.own.get(key) : this.base.get(key);
  }
  has(key: K): boolean {
    return this.own.has(key) || this.base.has(key);
  }
  set(key: K, value: V): this {
    this.own.set(key, value);
    return this;
  }
}

/**
 * A copy-on-write view of `state`: folding into the fork never changes `state`. decide folds a batch into a fork so
 * later events see earlier ones, and a refused batch leaves the caller's state as it was, without copying big maps.
 */
export function forkLedgerState(state: LedgerState): LedgerState {
  return {
    leadUnits: state.leadUnits,
    registeredUnits: new OverlayTable(state.registeredUnits),
    events: new OverlayTable(state.events),
    disputes: new OverlayTable(state.disputes),
    outages: new OverlayTable(state.outages),
    retracted: new OverlayTable(state.retracted),
    assessments: new OverlayTable(state.assessments),
    strings: state.strings,
  };
}
