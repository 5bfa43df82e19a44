// Response shapes the console reads. Requests (paths, query parameters, bodies) are typed by schema.d.ts, generated
// from the API's OpenAPI description (npm run web:types). Where that description does not yet state a response
// schema, the type is taken from the server's own declaration (type-only import, erased from the bundle), so there
// is still one source and no hand-written twin.
export type { ScoresDocument, UnitScores, IndicatorScore, TraceEntry } from '../../../../libs/rulebook/src/evaluator/scores.types.js';
export type { TimelineStep } from '../../../../libs/rulebook/src/timeline/unit-timeline.js';
export type { StoredEvent, Evidence } from '../../../../events/index.js';
export type { TrailLinks } from '../../../api/events/trail-links.js';
export type { DisputeRow } from '../../../../projections/disputes/disputes.query.js';
export type { RankingRow, UnitListing } from '../../../../projections/unit-scores/unit-scores.query.js';
export type { Me, Milestone } from '../../../api/console/console-context.js';
export type { EventForm, FormField } from '../../../api/console/event-forms.js';
export type { PublishedResultListing } from '../../../api/console/published-results.list.js';
export type { ResultsVerification } from '../../../api/results/published-results.js';
import type { StoredEvent } from '../../../../events/index.js';
import type { TrailLinks } from '../../../api/events/trail-links.js';
import type { UnitListing, RankingRow } from '../../../../projections/unit-scores/unit-scores.query.js';
import type { RulebookView } from '../../../api/console/console-context.js';
import type { TimelineStep } from '../../../../libs/rulebook/src/timeline/unit-timeline.js';
import type { DisputeRow } from '../../../../projections/disputes/disputes.query.js';
import type { PublishedResultListing } from '../../../api/console/published-results.list.js';
import type { ScoresDocument } from '../../../../libs/rulebook/src/evaluator/scores.types.js';
import type { ResultsVerification } from '../../../api/results/published-results.js';

export type TrailEvent = StoredEvent & { links: TrailLinks };
export interface TrailPage {
  events: TrailEvent[];
  nextAfter: number | null;
}
export interface UnitsAnswer {
  position: number;
  units: UnitListing[];
}
export interface RankingsAnswer {
  asOf: string;
  knownAt: string | null;
  position?: number;
  units: (Omit<RankingRow, 'asOfPosition'> & { asOfPosition?: number })[];
}
export type RulebookAnswer = RulebookView;
export type RulebookIndicator = RulebookView['indicators'][number];
export interface TimelineAnswer {
  unitId: string;
  knownAt: string;
  steps: TimelineStep[];
}
export interface DisputesAnswer {
  total: number;
  limit: number;
  offset: number;
  disputes: DisputeRow[];
}
export interface ResultsAnswer {
  results: PublishedResultListing[];
}
export interface ResultAnswer extends PublishedResultListing {
  scores: ScoresDocument;
  verification?: Omit<ResultsVerification, 'scores'>;
}
export interface ApiError {
  statusCode: number;
  error: string;
  message: string[];
}
