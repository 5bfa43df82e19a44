// `ledger verify --results ID` recomputes the result's report too: the rankings report rebuilt from the ledger at the
// pinned head must state the published scores digest, and its CSV and XLSX digests identify the files a reviewer
// archived (the same pin gives the same bytes).
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { StoredEvent } from '../../../../events/index.js';
import type { EventStore } from '../../../event-store/src/event-store.port.js';
import type { Rulebook } from '../../../rulebook/src/index.js';
import { renderReport } from './report-format.js';
import type { ScoresAtHead } from '../published-results.js';
import { resultReport } from './reports.js';

export interface ResultReportCheck {
  ok: boolean;
  units: number;
  csvSha256: string;
  xlsxSha256: string;
  problems: string[];
}

async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** `computed`: the scores `ledger verify --results` has just recomputed at the pinned head (the ledger is folded once). */
export async function checkResultReport(store: EventStore, rulebook: Rulebook, published: StoredEvent, computed: ScoresAtHead): Promise<ResultReportCheck> {
  const report = await resultReport(store, rulebook, published, computed);
  const stated = report.header.result;
  const problems: string[] = [];
  if (!stated || stated.recomputedScoresSha256 !== stated.scoresSha256) {
    problems.push(`the report recomputed at the pinned head states scores digest ${stated?.recomputedScoresSha256 ?? '(none)'}, not the published ${String(published.data.scoresSha256)}`);
  }
  return {
    ok: problems.length === 0,
    units: report.tables.find((t) => t.id === 'rankings')?.rows.length ?? 0,
    csvSha256: await sha256Of(await renderReport(report, 'csv')),
    xlsxSha256: await sha256Of(await renderReport(report, 'xlsx')),
    problems,
  };
}
