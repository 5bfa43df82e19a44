// Public API of projections/: the read-model definitions, the projector that keeps them current, the rebuild,
// the queries the API answers from, and the TypeORM entities of the read-model tables.
import { DisputeEntity } from './disputes/dispute.entity.js';
import { disputesProjection } from './disputes/disputes.projection.js';
import { EvidenceIndexEntity } from './evidence-index/evidence-index.entity.js';
import { evidenceIndexProjection } from './evidence-index/evidence-index.projection.js';
import { evidenceFilesProjection } from './evidence-files/evidence-files.projection.js';
import { ProjectionCheckpointEntity } from './projector/checkpoint.entity.js';
import type { Projection } from './projector/projection.js';
import { UnitIndicatorScoreEntity, UnitScoreEntity } from './unit-scores/unit-scores.entity.js';
import { unitScoresProjection } from './unit-scores/unit-scores.projection.js';
import { unitScoreStepsProjection } from './unit-score-steps/unit-score-steps.projection.js';

export { ProjectionMemory } from './projector/projection.js';
export type { Projection, ProjectionContext, ProjectionTx, Queryable } from './projector/projection.js';
export { Projector, type ProjectorOptions } from './projector/projector.js';
export { rebuildProjections, type ProjectionDeps, type RebuildOptions, type RebuildReport } from './projector/rebuild.js';
export { readCheckpoints, type Checkpoint } from './projector/checkpoints.js';
export { readUnusable, type UnusableSummary } from './projector/unusable-events.js';

export { evidenceIndexProjection } from './evidence-index/evidence-index.projection.js';
export {
  countTrail,
  findLinks,
  findTrail,
  MAX_TRAIL_LIMIT,
  type EventLinks,
  type EvidenceIndexRow,
  type TrailPage,
  type TrailQuery,
} from './evidence-index/evidence-index.query.js';

export { disputesProjection } from './disputes/disputes.projection.js';
export { listDisputes, MAX_DISPUTES_LIMIT, type DisputeQuery, type DisputeRow } from './disputes/disputes.query.js';

export { createUnitScoresProjection, unitScoresProjection, type UnitScoresOptions } from './unit-scores/unit-scores.projection.js';
export { KNOWN_AT_ALL } from './unit-scores/unit-scores.evolve.js';
export {
  listUnits,
  rankings,
  unitIndicatorScores,
  type RankingRow,
  type UnitIndicatorScoreRow,
  type UnitListing,
} from './unit-scores/unit-scores.query.js';

export { createUnitScoreStepsProjection, unitScoreStepsProjection, type UnitScoreStepsOptions } from './unit-score-steps/unit-score-steps.projection.js';
export { scoresAtFromSteps, type ScoresAtFromSteps, type UnitScoreAt } from './unit-score-steps/unit-score-steps.query.js';

export {
  DisputeEntity,
  EvidenceIndexEntity,
  ProjectionCheckpointEntity,
  UnitIndicatorScoreEntity,
  UnitScoreEntity,
};

/** Every read model, in the order the projector applies a batch to them. */
export const ALL_PROJECTIONS: readonly Projection[] = [evidenceIndexProjection, disputesProjection, unitScoresProjection, unitScoreStepsProjection, evidenceFilesProjection];

/** The read-model tables for TypeORM (createDataSource's extraEntities). */
export const READ_MODEL_ENTITIES = [
  ProjectionCheckpointEntity,
  EvidenceIndexEntity,
  DisputeEntity,
  UnitScoreEntity,
  UnitIndicatorScoreEntity,
];
