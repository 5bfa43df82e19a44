// The three reports as use cases, shared by the HTTP routes, `ledger report` and `ledger verify --results`:
// pin the ledger, build the report's data with the evaluator, hand it to a renderer.
import type { StoredEvent } from '../../../events/index.js';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import type { Rulebook } from '../../../libs/rulebook/src/index.js';
import { buildRankingsReport, buildUnitReport } from './build-reports.js';
import type { Report } from './report.model.js';
import { eventAt, normalise, pinHead, ReportNotFound } from './report-pin.js';

export interface ReportQuery {
  asOf?: string;
  knownAt?: string;
}

export async function rankingsReport(store: EventStore, rulebook: Rulebook, query: ReportQuery): Promise<Report> {
  return buildRankingsReport({ store, rulebook, pin: await pinHead(store, rulebook, query) });
}

export async function unitReport(store: EventStore, rulebook: Rulebook, unitId: string, query: ReportQuery): Promise<Report> {
  return buildUnitReport({ store, rulebook, pin: await pinHead(store, rulebook, query), unitId });
}

/** The ResultsPublished event `resultId`, or ReportNotFound. */
export async function findPublishedResult(store: EventStore, resultId: string): Promise<StoredEvent> {
  const [published] = await store.findByIds([resultId.toLowerCase()]);
  if (!published || published.type !== 'ResultsPublished') throw new ReportNotFound(`id: no published result ${resultId}`);
  return published;
}

/**
 * A published result as a rankings report, recomputed from the ledger at the head the result pins (its asOf, knownAt
 * and position), stating the published scores digest beside the recomputed one.
 */
export async function resultReport(store: EventStore, rulebook: Rulebook, published: StoredEvent): Promise<Report> {
  const data = published.data as { assessmentId: string; asOf: string; knownAt: string; ledgerPosition: number; ledgerHash: string; scoresSha256: string };
  // The hash printed is the ledger's own at the pinned position; verification reports when it differs from the published one.
  const pinned = await eventAt(store, data.ledgerPosition);
  return buildRankingsReport({
    store,
    rulebook,
    pin: { asOf: data.asOf, knownAt: data.knownAt, position: data.ledgerPosition, hash: pinned?.hash ?? data.ledgerHash, headRecordedAt: normalise(published.recordedAt, rulebook) },
    result: { resultId: published.eventId, publishedAt: published.occurredAt, scoresSha256: data.scoresSha256, assessmentId: data.assessmentId, recordedAt: normalise(published.recordedAt, rulebook) },
  });
}
