// Keeps unit_score_steps (each unit's scores as a step function of valid time, everything known) and unit_knowledge
// (when each unit's facts were recorded), for rankings at any instant (docs/adr/0019-rankings-at-any-instant.md).
// Live: per-unit folds in memory (loaded from the store on first touch, up to the checkpoint, least recently touched
// dropped past `maxUnitsInMemory`); a touched unit's steps are recomputed and only the rows from the first changed
// step on are rewritten, so an append in valid-time order rewrites a row or two. Rebuild: as unit-scores does, events
// are folded as the replay streams by within a memory budget, units over it are re-read in `finish`.
import type { StoredEvent } from '../../events/index.js';
import { unitIdOf } from '../../libs/ledger/src/index.js';
import {
  BEFORE_ALL_MS,
  createUnitScoreSteps,
  getRulebook,
  parseInstant,
  sameScores,
  type Rulebook,
  type ScoreStep,
  type UnitScoreSteps,
} from '../../libs/rulebook/src/index.js';
import type { Projection, ProjectionContext, ProjectionTx } from '../projector/projection.js';

export interface UnitScoreStepsOptions {
  rulebook?: Rulebook;
  /** Live mode keeps at most this many unit folds in memory (default 1000). */
  maxUnitsInMemory?: number;
  /** Rebuild: events held in the replay's folds at most (default 100,000); other units are re-read in `finish`. */
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
}

function startFold(rulebook: Rulebook, unitId: string): StepsFold {
  return { unitId, steps: createUnitScoreSteps(rulebook, unitId), lastPosition: 0, written: null, events: 0 };
}

function foldEvent(fold: StepsFold, event: StoredEvent): void {
  if (event.position <= fold.lastPosition) return;
  fold.lastPosition = event.position;
  fold.steps.add(event);
  fold.events += 1;
}

interface KnowledgeRow {
  unitId: string;
  recordedMs: number;
  occurredMs: number;
}

/**
 * From when (valid time) an event can change its unit's scores — what unit_knowledge keeps per recordedAt. A
 * registration counts at any asOf. A dispute matters only through an overturning resolution: one recorded after the
 * filing is itself a later row (and before it is known the filing changes nothing), so the filing counts from its
 * own occurredAt, or — when an overturning resolution of it was recorded before it — from that resolution's.
 * `overturnedFrom` answers for the events before this one in log order.
 */
function knowledgeOf(event: StoredEvent, overturnedFrom: (disputeId: string) => number | undefined): number {
  if (event.type === 'UnitRegistered') return BEFORE_ALL_MS;
  const occurredMs = parseInstant(event.occurredAt);
  const disputeId = (event.data as { disputeId?: unknown }).disputeId;
  if (event.type === 'DisputeFiled' && typeof disputeId === 'string') return Math.min(occurredMs, overturnedFrom(disputeId) ?? Infinity);
  return occurredMs;
}

function knowledgeRow(unitId: string, event: StoredEvent, overturnedFrom: (disputeId: string) => number | undefined): KnowledgeRow {
  return { unitId, recordedMs: parseInstant(event.recordedAt ?? event.occurredAt), occurredMs: knowledgeOf(event, overturnedFrom) };
}

async function writeKnowledge(tx: ProjectionTx, rows: readonly KnowledgeRow[]): Promise<void> {
  const earliest = new Map<string, KnowledgeRow>();
  for (const row of rows) {
    const key = `${row.unitId}\u0000${row.recordedMs}`;
    const seen = earliest.get(key);
    if (!seen) earliest.set(key, { ...row });
    else seen.occurredMs = Math.min(seen.occurredMs, row.occurredMs);
  }
  if (earliest.size === 0) return;
  const all = [...earliest.values()];
  await tx.query(
    `INSERT INTO unit_knowledge (unit_id, recorded_ms, occurred_ms)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])
     ON CONFLICT (unit_id, recorded_ms) DO UPDATE SET occurred_ms = LEAST(unit_knowledge.occurred_ms, EXCLUDED.occurred_ms)`,
    [all.map((r) => r.unitId), all.map((r) => r.recordedMs), all.map((r) => r.occurredMs)],
  );
}

/** Rewrites each unit's rows from its first changed step on (all of them when `written` is null). */
async function writeSteps(tx: ProjectionTx, folds: Iterable<StepsFold>): Promise<void> {
  const deleteFrom: { unitId: string; fromMs: number }[] = [];
  const inserts: { unitId: string; step: ScoreStep }[] = [];
  for (const fold of folds) {
    const next = fold.steps.assessed() ? fold.steps.steps() : [];
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
  const budget = options.rebuildEventsInMemory ?? 100_000;
  const liveFolds = (context: ProjectionContext) => context.memory.get('units', () => new Map<string, StepsFold>());
  const rebuildState = (context: ProjectionContext) =>
    context.memory.get('rebuild', () => ({ folds: new Map<string, StepsFold>(), held: 0, reread: new Set<string>() }));

  /** A unit's fold with everything the checkpoint counts, and the rows it wrote. */
  async function loadFold(context: ProjectionContext, unitId: string, upTo: number): Promise<StepsFold> {
    const fold = startFold(rulebook, unitId);
    if (upTo > 0) for (const event of await context.store.readUnit(unitId)) if (event.position <= upTo) foldEvent(fold, event);
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
    const fold = await loadFold(context, unitId, context.checkpoint);
    // What the rows hold now: the steps of everything up to the checkpoint (none for a unit not assessed yet).
    fold.written = fold.steps.assessed() ? fold.steps.steps() : [];
    folds.set(unitId, fold);
    return fold;
  }

  return {
    name: 'unit-score-steps',
    version: 1,
    async apply(batch, tx, context): Promise<void> {
      const knowledge: KnowledgeRow[] = [];
      if (context.mode === 'rebuild') {
        const state = rebuildState(context);
        const overturns = context.memory.get('overturns', () => new Map<string, number>());
        for (const event of batch) {
          const unitId = unitIdOf(event);
          if (unitId === null) continue;
          knowledge.push(knowledgeRow(unitId, event, (disputeId) => overturns.get(`${unitId}\u0000${disputeId}`)));
          const data = event.data as { decision?: unknown; disputeId?: unknown };
          if (event.type === 'DisputeResolved' && data.decision === 'overturned' && typeof data.disputeId === 'string') {
            const key = `${unitId}\u0000${data.disputeId}`;
            overturns.set(key, Math.min(overturns.get(key) ?? Infinity, parseInstant(event.occurredAt)));
          }
          if (state.reread.has(unitId)) continue;
          let fold = state.folds.get(unitId);
          if (!fold) state.folds.set(unitId, (fold = startFold(rulebook, unitId)));
          foldEvent(fold, event);
          state.held += 1;
        }
        for (const [unitId, fold] of state.folds) {
          if (state.held <= budget) break;
          state.folds.delete(unitId);
          state.held -= fold.events;
          state.reread.add(unitId);
        }
        await writeKnowledge(tx, knowledge);
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
        for (const event of events) {
          // An event the fold already counts was written before (the fold then also knows later events).
          if (event.position > fold.lastPosition) knowledge.push(knowledgeRow(unitId, event, (disputeId) => fold.steps.overturnedFrom(disputeId)));
          foldEvent(fold, event);
        }
        touched.push(fold);
      }
      await writeKnowledge(tx, knowledge);
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
      for (let i = 0; i < held.length; i += 500) await writeSteps(tx, held.slice(i, i + 500));
      folds.clear();
      let pending: StepsFold[] = [];
      for (const unitId of reread) {
        pending.push(await loadFold(context, unitId, context.checkpoint));
        if (pending.length >= 200) {
          await writeSteps(tx, pending);
          pending = [];
        }
      }
      await writeSteps(tx, pending);
      context.memory.clear();
    },
    async reset(tx): Promise<void> {
      await tx.query('TRUNCATE unit_score_steps, unit_knowledge');
      // Lead units are assessed before any event.
      await writeSteps(
        tx,
        rulebook.leadUnits.map((u) => startFold(rulebook, u.unitId)),
      );
    },
  };
}

export const unitScoreStepsProjection: Projection = createUnitScoreStepsProjection();
