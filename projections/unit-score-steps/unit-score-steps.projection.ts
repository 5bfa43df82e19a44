// Keeps unit_score_steps (each unit's scores as a step function of valid time, everything known) and
// unit_score_revisions (that function as it stood after each recordedAt: the suffix from the first step that moved),
// for rankings at any (asOf, knownAt) without folding (docs/adr/0019-rankings-at-any-instant.md).
// A unit's events are taken in log order, where recordedAt never decreases (ADR 0001), grouped by recordedAt
// millisecond: a group's revision compares the function before the group with the function after it.
// Live: per-unit folds in memory (loaded from the store on first touch, up to the checkpoint, least recently touched
// dropped past `maxUnitsInMemory`); a touched unit's steps are recomputed and only the rows from the first changed
// step on are rewritten, so an append in valid-time order rewrites a row or two, and writes one revision row.
// Rebuild: events are folded as the replay streams by within a memory budget, revisions written as each unit's group
// closes; units over the budget are re-read whole in `finish`.
import type { StoredEvent } from '../../events/index.js';
import { unitIdOf } from '../../libs/ledger/src/index.js';
import {
  BEFORE_ALL_MS,
  createUnitScoreSteps,
  getRulebook,
  parseInstant,
  sameScores,
  stepAt,
  type Rulebook,
  type ScoreStep,
  type UnitScoreSteps,
} from '../../libs/rulebook/src/index.js';
import type { Projection, ProjectionContext, ProjectionTx } from '../projector/projection.js';

export interface UnitScoreStepsOptions {
  rulebook?: Rulebook;
  /** Live mode keeps at most this many unit folds in memory (default 1000). */
  maxUnitsInMemory?: number;
  /**
   * Rebuild: events held in the replay's folds at most (default 5,000); other units are re-read in `finish`. Small on
   * purpose: measured over 1M events / 5,000 units, a unit re-read and folded alone in `finish` costs less than one
   * folded as the replay streams by (55.6 s, peak RSS 467 MB at 5,000; 68 s, 928 MB at 100,000; 72.6 s, 1.7 GB with
   * every unit held).
   */
  rebuildEventsInMemory?: number;
}

interface StepsFold {
  unitId: string;
  steps: UnitScoreSteps;
  /** Highest position folded in; events at or below it are already counted. */
  lastPosition: number;
  /** The steps the table holds for the unit (live mode), null before they are known. */
  written: ScoreStep[] | null;
  events: number;
  /** recordedAt (ms) of the latest group folded in, null before any event. */
  openKnownMs: number | null;
  /** The function as known before that group (null: the unit was not assessed then). */
  base: ScoreStep[] | null;
  /** Whether the open group got an event since its revision was last written. */
  openTouched: boolean;
}

/** One unit_score_revisions row, or `steps: null` when the group changed nothing (a row there is deleted). */
interface Revision {
  unitId: string;
  knownMs: number;
  changedMs: number;
  steps: ScoreStep[] | null;
}

function startFold(rulebook: Rulebook, unitId: string): StepsFold {
  return { unitId, steps: createUnitScoreSteps(rulebook, unitId), lastPosition: 0, written: null, events: 0, openKnownMs: null, base: null, openTouched: false };
}

const currentSteps = (fold: StepsFold): ScoreStep[] | null => (fold.steps.assessed() ? fold.steps.steps() : null);

/** The open group's revision: the function after it from its first step that differs from the function before it. */
function revisionOf(fold: StepsFold): Revision | null {
  if (fold.openKnownMs === null) return null;
  const [base, next] = [fold.base, currentSteps(fold)];
  const knownMs = fold.openKnownMs;
  if (next === null) return null;
  if (base === null) return { unitId: fold.unitId, knownMs, changedMs: BEFORE_ALL_MS, steps: next };
  // steps() keeps the unchanged leading steps as the same objects, so most of the prefix compares by reference.
  let same = 0;
  while (same < base.length && same < next.length && (base[same] === next[same] || (base[same].fromMs === next[same].fromMs && sameScores(base[same], next[same])))) same += 1;
  if (same === base.length && same === next.length) return { unitId: fold.unitId, knownMs, changedMs: BEFORE_ALL_MS, steps: null };
  const changedMs = Math.min(base[same]?.fromMs ?? Infinity, next[same]?.fromMs ?? Infinity);
  const first = stepAt(next, changedMs);
  const steps = [{ ...first, fromMs: changedMs }, ...next.filter((s) => s.fromMs > changedMs)];
  return { unitId: fold.unitId, knownMs, changedMs, steps };
}

/**
 * Folds one event, closing the open group first when the event starts a later one (its revision goes to `out`).
 * A recordedAt earlier than the open group's (which the store never writes) is counted with the open group.
 */
function foldEvent(fold: StepsFold, event: StoredEvent, out: Revision[]): void {
  if (event.position <= fold.lastPosition) return;
  const recordedMs = parseInstant(event.recordedAt ?? event.occurredAt);
  if (fold.openKnownMs === null || recordedMs > fold.openKnownMs) {
    if (fold.openTouched) {
      const revision = revisionOf(fold);
      if (revision) out.push(revision);
    }
    fold.base = currentSteps(fold);
    fold.openKnownMs = recordedMs;
  }
  fold.openTouched = true;
  fold.lastPosition = event.position;
  fold.steps.add(event);
  fold.events += 1;
}

/** Writes the open group's revision (if it got events since) and leaves the group open for more of its events. */
function flushOpen(fold: StepsFold, out: Revision[]): void {
  if (!fold.openTouched) return;
  const revision = revisionOf(fold);
  if (revision) out.push(revision);
  fold.openTouched = false;
}

const encodeSteps = (steps: readonly ScoreStep[]): string => JSON.stringify(steps.map((s) => [s.fromMs, s.overall, s.parts]));

/** Replaces the rows at the revisions' (unit, knownMs) when `replace` (live), else inserts (a rebuild's fresh table). */
async function writeRevisions(tx: ProjectionTx, revisions: readonly Revision[], replace: boolean): Promise<void> {
  if (revisions.length === 0) return;
  const last = new Map<string, Revision>();
  for (const r of revisions) last.set(`${r.unitId}\u0000${r.knownMs}`, r);
  const all = [...last.values()];
  if (replace) {
    await tx.query(
      `DELETE FROM unit_score_revisions r USING unnest($1::text[], $2::bigint[]) AS d(unit_id, known_ms)
        WHERE r.unit_id = d.unit_id AND r.known_ms = d.known_ms`,
      [all.map((r) => r.unitId), all.map((r) => r.knownMs)],
    );
  }
  const rows = all.filter((r) => r.steps !== null);
  for (let i = 0; i < rows.length; i += 10_000) {
    const chunk = rows.slice(i, i + 10_000);
    await tx.query(
      `INSERT INTO unit_score_revisions (unit_id, known_ms, changed_ms, steps)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::jsonb[])`,
      [chunk.map((r) => r.unitId), chunk.map((r) => r.knownMs), chunk.map((r) => r.changedMs), chunk.map((r) => encodeSteps(r.steps as ScoreStep[]))],
    );
  }
}

/** Rewrites each unit's rows from its first changed step on (all of them when `written` is null). */
async function writeSteps(tx: ProjectionTx, folds: Iterable<StepsFold>): Promise<void> {
  const deleteFrom: { unitId: string; fromMs: number }[] = [];
  const inserts: { unitId: string; step: ScoreStep }[] = [];
  for (const fold of folds) {
    const next = currentSteps(fold) ?? [];
    const old = fold.written;
    let same = 0;
    if (old) while (same < old.length && same < next.length && old[same].fromMs === next[same].fromMs && sameScores(old[same], next[same])) same += 1;
    if (old && same === old.length && same === next.length) continue;
    const firstChangedMs = old === null || same === 0 ? BEFORE_ALL_MS : Math.min(old[same]?.fromMs ?? Infinity, next[same]?.fromMs ?? Infinity);
    deleteFrom.push({ unitId: fold.unitId, fromMs: firstChangedMs });
    for (const step of next.slice(same)) inserts.push({ unitId: fold.unitId, step });
    fold.written = next;
  }
  if (deleteFrom.length) {
    await tx.query(
      `DELETE FROM unit_score_steps s USING unnest($1::text[], $2::bigint[]) AS d(unit_id, from_ms)
        WHERE s.unit_id = d.unit_id AND s.from_ms >= d.from_ms`,
      [deleteFrom.map((d) => d.unitId), deleteFrom.map((d) => d.fromMs)],
    );
  }
  for (let i = 0; i < inserts.length; i += 20_000) {
    const chunk = inserts.slice(i, i + 20_000);
    await tx.query(
      `INSERT INTO unit_score_steps (unit_id, from_ms, overall, parts)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::numeric[], $4::jsonb[])`,
      [chunk.map((r) => r.unitId), chunk.map((r) => r.step.fromMs), chunk.map((r) => r.step.overall), chunk.map((r) => JSON.stringify(r.step.parts))],
    );
  }
}

export function createUnitScoreStepsProjection(options: UnitScoreStepsOptions = {}): Projection {
  const rulebook = options.rulebook ?? getRulebook('lc-2017');
  const maxUnits = options.maxUnitsInMemory ?? 1000;
  const budget = options.rebuildEventsInMemory ?? 5_000;
  const liveFolds = (context: ProjectionContext) => context.memory.get('units', () => new Map<string, StepsFold>());
  const rebuildState = (context: ProjectionContext) =>
    context.memory.get('rebuild', () => ({
      folds: new Map<string, StepsFold>(),
      held: 0,
      /** Units dropped from memory, with the recordedAt of the group that was open then (its revision not written). */
      reread: new Map<string, number>(),
    }));

  /** A unit's fold with everything the checkpoint counts, its last group left open (its revision may grow). */
  async function loadFold(context: ProjectionContext, unitId: string, upTo: number, out: Revision[]): Promise<StepsFold> {
    const fold = startFold(rulebook, unitId);
    if (upTo > 0) for (const event of await context.store.readUnit(unitId)) if (event.position <= upTo) foldEvent(fold, event, out);
    return fold;
  }

  async function liveFold(context: ProjectionContext, unitId: string): Promise<StepsFold> {
    const folds = liveFolds(context);
    const existing = folds.get(unitId);
    if (existing) {
      folds.delete(unitId);
      folds.set(unitId, existing);
      return existing;
    }
    // The revisions of what the checkpoint counts are written already: the ones loading closes are dropped.
    const fold = await loadFold(context, unitId, context.checkpoint, []);
    fold.openTouched = false;
    // What the rows hold now: the steps of everything up to the checkpoint (none for a unit not assessed yet).
    fold.written = currentSteps(fold) ?? [];
    folds.set(unitId, fold);
    return fold;
  }

  /** The lead units' rows before any event: assessed from the start, with nothing recorded. */
  const leadFolds = () => rulebook.leadUnits.map((u) => startFold(rulebook, u.unitId));

  return {
    name: 'unit-score-steps',
    version: 2,
    async apply(batch, tx, context): Promise<void> {
      const revisions: Revision[] = [];
      if (context.mode === 'rebuild') {
        const state = rebuildState(context);
        for (const event of batch) {
          const unitId = unitIdOf(event);
          if (unitId === null || state.reread.has(unitId)) continue;
          let fold = state.folds.get(unitId);
          if (!fold) state.folds.set(unitId, (fold = startFold(rulebook, unitId)));
          foldEvent(fold, event, revisions);
          state.held += 1;
        }
        for (const [unitId, fold] of state.folds) {
          if (state.held <= budget) break;
          state.folds.delete(unitId);
          state.held -= fold.events;
          state.reread.set(unitId, fold.openKnownMs ?? BEFORE_ALL_MS);
        }
        await writeRevisions(tx, revisions, false);
        return;
      }
      const byUnit = new Map<string, StoredEvent[]>();
      for (const event of batch) {
        const unitId = unitIdOf(event);
        if (unitId !== null) byUnit.set(unitId, [...(byUnit.get(unitId) ?? []), event]);
      }
      const touched: StepsFold[] = [];
      for (const [unitId, events] of byUnit) {
        const fold = await liveFold(context, unitId);
        for (const event of events) foldEvent(fold, event, revisions);
        flushOpen(fold, revisions);
        touched.push(fold);
      }
      await writeRevisions(tx, revisions, true);
      await writeSteps(tx, touched);
      const folds = liveFolds(context);
      for (const unitId of folds.keys()) {
        if (folds.size <= maxUnits) break;
        folds.delete(unitId);
      }
    },
    async finish(tx, context): Promise<void> {
      const { folds, reread } = rebuildState(context);
      // reset() wrote the lead units' first steps; their rows are rewritten whole here.
      const held = [...folds.values()];
      for (let i = 0; i < held.length; i += 500) {
        const chunk = held.slice(i, i + 500);
        const revisions: Revision[] = [];
        for (const fold of chunk) flushOpen(fold, revisions);
        await writeRevisions(tx, revisions, false);
        await writeSteps(tx, chunk);
      }
      folds.clear();
      // A unit dropped from memory wrote the revisions of the groups it closed before it was dropped: folded again
      // from its events, it writes those from the group that was open then.
      const units = [...reread];
      for (let i = 0; i < units.length; i += 200) {
        const chunk = units.slice(i, i + 200);
        const revisions: Revision[] = [];
        const pending: StepsFold[] = [];
        for (const [unitId, openThen] of chunk) {
          const own: Revision[] = [];
          const fold = await loadFold(context, unitId, context.checkpoint, own);
          flushOpen(fold, own);
          for (const revision of own) if (revision.knownMs >= openThen) revisions.push(revision);
          pending.push(fold);
        }
        await writeRevisions(tx, revisions, false);
        await writeSteps(tx, pending);
      }
      context.memory.clear();
    },
    async reset(tx): Promise<void> {
      await tx.query('TRUNCATE unit_score_steps, unit_score_revisions');
      // Lead units are assessed before any event, at every knownAt.
      await writeSteps(tx, leadFolds());
      await writeRevisions(
        tx,
        leadFolds().map((fold) => ({ unitId: fold.unitId, knownMs: BEFORE_ALL_MS, changedMs: BEFORE_ALL_MS, steps: currentSteps(fold) })),
        false,
      );
    },
  };
}

export const unitScoreStepsProjection: Projection = createUnitScoreStepsProjection();
