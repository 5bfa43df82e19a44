export { createEvaluation, evaluate, type EvaluateOptions, type Evaluation, type ExactUnitResult } from './evaluation.js';
export type { IndicatorScore, IndicatorStatus, ScoresDocument, TraceEntry, UnitScores } from './scores.types.js';
export { indicatorForEvent } from './compiled-rulebook.js';
export { MESSAGES } from './messages.js';
export { BEFORE_ALL_MS, createUnitScoreSteps, sameScores, stepAt, type ScoreStep, type UnitScoreSteps } from './score-steps.js';
