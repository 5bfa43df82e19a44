// Keeps unit_scores / unit_indicator_scores current. Live: per-unit folds kept in memory (loaded from the store on
// first touch, up to the checkpoint), and only the units a batch touches are re-evaluated. Rebuild: events are folded
// into their unit's fold as the replay streams by, so most units need no second read; the folds hold at most
// `rebuildEventsInMemory` events (a fold keeps a compact fact per event, ~200 B), and units dropped to stay under it
// are folded again from their own events in `finish`, which then evaluates every unit once and writes the rows.
import type { StoredEvent } from '../../events/index.js';
import { unitIdOf } from '../../libs/ledger/src/index.js';
import { getRulebook, type Rulebook } from '../../libs/rulebook/src/index.js';
import type { Projection, ProjectionContext, ProjectionTx } from '../projector/projection.js';
import { foldUnitEvent, startUnitFold, unitScoreRow, type UnitFold, type UnitScoreRow } from './unit-scores.evolve.js';

export interface UnitScoresOptions {
  /** Default lc-2017. */
  rulebook?: Rulebook;
  /** Live mode keeps at most this many unit folds in memory (least recently touched go first; default 1000). */
  maxUnitsInMemory?: number;
  /** Rebuild: events held in the replay's folds at most (default 100,000, ~20 MB of facts); other units are re-read. */
  rebuildEventsInMemory?: number;
  /** Rebuild: units re-read from the store at once in `finish` (default 4). */
  rebuildConcurrency?: number;
}

async function writeRows(tx: ProjectionTx, rows: UnitScoreRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO unit_scores (unit_id, name, kind, overall, parts, as_of_position)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::jsonb[], $6::bigint[])
     ON CONFLICT (unit_id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, overall = EXCLUDED.overall,
       parts = EXCLUDED.parts, as_of_position = EXCLUDED.as_of_position`,
    [
      rows.map((r) => r.unitId),
      rows.map((r) => r.name),
      rows.map((r) => r.kind),
      rows.map((r) => r.overall),
      rows.map((r) => JSON.stringify(r.parts)),
      rows.map((r) => r.asOfPosition),
    ],
  );
  const indicators = rows.flatMap((r) => r.indicators.map((i) => ({ unitId: r.unitId, ...i })));
  await tx.query(
    `INSERT INTO unit_indicator_scores (unit_id, indicator, ordinal, score, max, status)
     SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::numeric[], $5::numeric[], $6::text[])
     ON CONFLICT (unit_id, indicator) DO UPDATE SET ordinal = EXCLUDED.ordinal, score = EXCLUDED.score,
       max = EXCLUDED.max, status = EXCLUDED.status`,
    [
      indicators.map((i) => i.unitId),
      indicators.map((i) => i.indicator),
      indicators.map((i) => i.ordinal),
      indicators.map((i) => i.score),
      indicators.map((i) => i.max),
      indicators.map((i) => i.status),
    ],
  );
}

async function deleteUnits(tx: ProjectionTx, unitIds: string[]): Promise<void> {
  if (unitIds.length === 0) return;
  await tx.query('DELETE FROM unit_indicator_scores WHERE unit_id = ANY($1::text[])', [unitIds]);
  await tx.query('DELETE FROM unit_scores WHERE unit_id = ANY($1::text[])', [unitIds]);
}

/** Rows for the evaluated units; units that turn out not to be assessed units lose any row they had. */
async function writeUnits(tx: ProjectionTx, rulebook: Rulebook, folds: Iterable<UnitFold>): Promise<void> {
  const rows: UnitScoreRow[] = [];
  const gone: string[] = [];
  for (const fold of folds) {
    const row = unitScoreRow(rulebook, fold);
    if (row) rows.push(row);
    else gone.push(fold.unitId);
  }
  await deleteUnits(tx, gone);
  await writeRows(tx, rows);
}

function groupByUnit(batch: readonly StoredEvent[]): Map<string, StoredEvent[]> {
  const byUnit = new Map<string, StoredEvent[]>();
  for (const event of batch) {
    const unitId = unitIdOf(event);
    if (unitId === null) continue;
    const list = byUnit.get(unitId);
    if (list) list.push(event);
    else byUnit.set(unitId, [event]);
  }
  return byUnit;
}

export function createUnitScoresProjection(options: UnitScoresOptions = {}): Projection {
  const rulebook = options.rulebook ?? getRulebook('lc-2017');
  const maxUnits = options.maxUnitsInMemory ?? 1000;
  const foldsOf = (context: ProjectionContext) => context.memory.get('units', () => new Map<string, UnitFold>());

  /** The unit's fold, loading what the checkpoint already counts on first touch (live mode). */
  async function foldFor(context: ProjectionContext, unitId: string): Promise<UnitFold> {
    const folds = foldsOf(context);
    const existing = folds.get(unitId);
    if (existing) {
      // Map order doubles as recency order for the live-mode eviction below.
      folds.delete(unitId);
      folds.set(unitId, existing);
      return existing;
    }
    const fold = startUnitFold(rulebook, unitId);
    if (context.mode === 'live' && context.checkpoint > 0) {
      for (const event of await context.store.readUnit(unitId)) {
        if (event.position <= context.checkpoint) foldUnitEvent(fold, event);
      }
    }
    folds.set(unitId, fold);
    return fold;
  }

  const budget = options.rebuildEventsInMemory ?? 100_000;
  const rebuildState = (context: ProjectionContext) =>
    context.memory.get('rebuild', () => ({ folds: new Map<string, { fold: UnitFold; events: number }>(), held: 0, reread: new Set<string>() }));

  function foldForRebuild(batch: readonly StoredEvent[], context: ProjectionContext): void {
    const state = rebuildState(context);
    for (const event of batch) {
      const unitId = unitIdOf(event);
      if (unitId === null || state.reread.has(unitId)) continue;
      let entry = state.folds.get(unitId);
      if (!entry) state.folds.set(unitId, (entry = { fold: startUnitFold(rulebook, unitId), events: 0 }));
      foldUnitEvent(entry.fold, event);
      entry.events += 1;
      state.held += 1;
    }
    // Over budget: drop whole units (first seen first) and leave them to `finish`.
    for (const [unitId, entry] of state.folds) {
      if (state.held <= budget) break;
      state.folds.delete(unitId);
      state.held -= entry.events;
      state.reread.add(unitId);
    }
  }

  return {
    name: 'unit-scores',
    version: 1,

    async apply(batch: readonly StoredEvent[], tx: ProjectionTx, context: ProjectionContext): Promise<void> {
      if (context.mode === 'rebuild') {
        foldForRebuild(batch, context);
        return;
      }
      const touched: UnitFold[] = [];
      for (const [unitId, events] of groupByUnit(batch)) {
        const fold = await foldFor(context, unitId);
        for (const event of events) foldUnitEvent(fold, event);
        touched.push(fold);
      }
      await writeUnits(tx, rulebook, touched);
      const folds = foldsOf(context);
      for (const unitId of folds.keys()) {
        if (folds.size <= maxUnits) break;
        folds.delete(unitId);
      }
    },

    /** Rebuild: the units still folded in memory, then those dropped, re-read a few at a time; rows written in chunks. */
    async finish(tx: ProjectionTx, context: ProjectionContext): Promise<void> {
      const { folds, reread } = rebuildState(context);
      const held = [...folds.values()].map((entry) => entry.fold);
      for (let i = 0; i < held.length; i += 500) await writeUnits(tx, rulebook, held.slice(i, i + 500));
      folds.clear();
      const upTo = context.checkpoint;
      const foldUnit = async (unitId: string): Promise<UnitFold> => {
        const fold = startUnitFold(rulebook, unitId);
        for (const event of await context.store.readUnit(unitId)) if (event.position <= upTo) foldUnitEvent(fold, event);
        return fold;
      };
      const units = [...reread];
      const chunk = options.rebuildConcurrency ?? 4;
      let pending: UnitFold[] = [];
      for (let i = 0; i < units.length; i += chunk) {
        pending.push(...(await Promise.all(units.slice(i, i + chunk).map(foldUnit))));
        if (pending.length >= 200 || i + chunk >= units.length) {
          await writeUnits(tx, rulebook, pending);
          pending = [];
        }
      }
      context.memory.clear();
    },

    async reset(tx: ProjectionTx): Promise<void> {
      await tx.query('TRUNCATE unit_scores, unit_indicator_scores');
      // Lead units are assessed without any UnitRegistered: they have rows before the first event.
      await writeUnits(
        tx,
        rulebook,
        rulebook.leadUnits.map((u) => startUnitFold(rulebook, u.unitId)),
      );
    },
  };
}

export const unitScoresProjection: Projection = createUnitScoresProjection();
