// The three reports as use cases, shared by the HTTP routes, `ledger report` and `ledger verify --results`: pin the
// ledger, take the numbers the JSON routes answer for the same query, hand them to a renderer. No report folds the
// whole ledger itself (docs/adr/0017-reports.md).
import type pg from 'pg';
import type { StoredEvent } from '../../../../events/index.js';
import type { EventStore } from '../../../event-store/src/event-store.port.js';
import type { Rulebook } from '../../../rulebook/src/index.js';
import { readCheckpoints } from '../../../../projections/index.js';
import { RankingsAt } from '../rankings/rankings-at.js';
import { answerRankings, RANKINGS_READ_MODELS } from '../rankings/rankings.source.js';
import type { ScoresAtHead } from '../published-results.js';
import { publishedScores, runDirectly, type WorkRunner } from '../published-scores.cache.js';
import { buildRankingsReport, buildUnitReport } from './build-reports.js';
import type { Report } from './report.model.js';
import { eventAt, normalise, pinHead, ReportNotFound } from './report-pin.js';

export interface ReportQuery {
  asOf?: string;
  knownAt?: string;
}

export class Reports {
  constructor(
    private readonly pool: pg.Pool,
    private readonly store: EventStore,
    private readonly rulebook: Rulebook,
    private readonly rankingsAt: RankingsAt,
    /** How a ledger-wide computation runs: the API's bounded lane (429 when full), the CLI directly. */
    private readonly heavy: WorkRunner = runDirectly,
  ) {}

  /**
   * The rankings of GET /v1/rankings for the same query, pinned at the position the read models had reached: the
   * checkpoints and the rankings are read in one snapshot, so the position and hash printed are those of the data.
   * The caller has let the read models catch up (ReadModels.fresh, or a projector run by the CLI).
   */
  async rankings(query: ReportQuery): Promise<Report> {
    const { rulebook, store } = this;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const checkpoints = await readCheckpoints(client, RANKINGS_READ_MODELS);
      const position = Math.min(...RANKINGS_READ_MODELS.map((name) => checkpoints.get(name)?.position ?? 0));
      const head = position > 0 ? await eventAt(store, position) : undefined;
      if (!head) throw new ReportNotFound('ledger: nothing to report, the ledger (or its read models) is empty');
      const headRecordedAt = normalise(head.recordedAt, rulebook);
      // knownAt defaults to the head's recordedAt: everything recorded up to the pinned position, as the current view.
      const answer = await answerRankings(client, this.rankingsAt, query, position, headRecordedAt);
      await client.query('COMMIT');
      const pin = {
        asOf: answer.at?.asOf ?? normalise(rulebook.year.to, rulebook),
        knownAt: answer.at?.knownAt ?? headRecordedAt,
        position,
        hash: head.hash,
        headRecordedAt,
      };
      return await buildRankingsReport({ store, rulebook, pin, ranked: answer.units });
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  unit(unitId: string, query: ReportQuery): Promise<Report> {
    return unitReport(this.store, this.rulebook, unitId, query);
  }

  /** A published result's report from the scores GET /v1/results/:id answers (computed once per process). */
  async result(published: StoredEvent): Promise<Report> {
    return resultReport(this.store, this.rulebook, published, await publishedScores(this.store, this.rulebook, published, this.heavy));
  }
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
 * A published result as a rankings report: its scores recomputed at the head the result pins (its asOf, knownAt and
 * position; `computed`, as GET /v1/results/:id and `ledger verify --results` compute them), stating the published
 * scores digest beside the recomputed one.
 */
export async function resultReport(store: EventStore, rulebook: Rulebook, published: StoredEvent, computed: ScoresAtHead): Promise<Report> {
  const data = published.data as { assessmentId: string; asOf: string; knownAt: string; ledgerPosition: number; ledgerHash: string; scoresSha256: string };
  // The hash printed is the ledger's own at the pinned position; verification reports when it differs from the published one.
  const pinned = computed.headHash ?? (await eventAt(store, data.ledgerPosition))?.hash;
  return buildRankingsReport({
    store,
    rulebook,
    pin: { asOf: data.asOf, knownAt: data.knownAt, position: data.ledgerPosition, hash: pinned ?? data.ledgerHash, headRecordedAt: normalise(published.recordedAt, rulebook) },
    result: {
      resultId: published.eventId,
      publishedAt: published.occurredAt,
      scoresSha256: data.scoresSha256,
      assessmentId: data.assessmentId,
      recordedAt: normalise(published.recordedAt, rulebook),
      computed,
    },
  });
}
