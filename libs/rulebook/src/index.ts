// Public API of libs/rulebook: rulebooks as data, exact arithmetic, working-day calendars and the pure evaluator.
export * from './rulebook.types.js';
export * from './rule-kinds.js';
export * from './rulebooks.js';
export { LC_2017 } from './lc-2017.rulebook.js';
export * as rational from './rational.js';
export type { Rational } from './rational.js';
export { parseInstant, formatInstant, formatLocalDate } from './instant.js';
export * from './calendar/index.js';
export * from './evaluator/index.js';
export { unitTimeline, type TimelineStep, type IndicatorChange, type TimelineOptions } from './timeline/unit-timeline.js';
export { notKnownYet } from './evaluator/not-known-yet.js';
