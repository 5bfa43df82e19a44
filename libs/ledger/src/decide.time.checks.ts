// Valid time must fall in the assessment year and cannot be later than the system time of the append.
import { INSTANT_REASON, RESULTS_PUBLISHED, parseInstant, tryParseInstant } from '../../../events/index.js';
import { refusal, type Refusal } from './decide.errors.js';
import type { DecideContext } from './decide.context.js';

// Clocks of clients and server disagree by seconds; a fact stamped a little ahead of the server is not a future fact.
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export function checkTime({ event, recordedAt, rulebook, index }: DecideContext): Refusal[] {
  const problems: Refusal[] = [];
  // The same strict parser the evaluator uses: what is stored can always be scored (validateNewEvent checked the
  // shape already; this holds for any caller of decide, e.g. an import).
  const atMs = tryParseInstant(event.occurredAt);
  if (atMs === undefined) return [refusal('INVALID_INSTANT', 'occurredAt', { value: String(event.occurredAt), reason: INSTANT_REASON })];
  // Publication happens after the year it scores; every other fact belongs to the year.
  if (event.type !== RESULTS_PUBLISHED && (atMs < index.yearFromMs || atMs > index.yearToMs)) {
    problems.push(refusal('OUTSIDE_ASSESSMENT_YEAR', 'occurredAt', { occurredAt: event.occurredAt, ...rulebook.year }));
  }
  if (recordedAt !== undefined && atMs > parseInstant(recordedAt) + CLOCK_SKEW_MS) {
    problems.push(refusal('OCCURRED_AFTER_RECORDED', 'occurredAt', { occurredAt: event.occurredAt, recordedAt }));
  }
  return problems;
}
