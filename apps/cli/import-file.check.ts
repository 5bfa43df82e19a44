// Reads an export file for `ledger import`, line by line: each line's shape, the rules an append is decided by
// (folded in file order, as the ledger first decided them), and the hash chain recomputed as it goes. Holds the
// ledger state the decisions need, never the events themselves.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { findRulebook, getRulebook } from '../../libs/rulebook/src/index.js';
import { readLines } from './evaluate/ndjson-lines.js';
import { parseExportLine } from './export-line.js';
import { LineDecider, type LineProblem } from './line-decider.js';

export interface ImportFileCheck {
  events: number;
  problems: LineProblem[];
  /** SHA-256 of the lines read, to notice a file that changes between checking and storing. */
  digest: string;
}

export const MAX_REPORTED_PROBLEMS = 20;

export async function checkImportFile(path: string, onProgress?: (bytes: number, total: number) => void): Promise<ImportFileCheck> {
  const total = (await stat(path)).size;
  const digest = createHash('sha256');
  const lines = new LineDecider({ defaultRulebook: getRulebook('lc-2017'), findRulebook });
  const problems: LineProblem[] = [];
  let events = 0;
  let bytes = 0;
  for await (const { lineNumber, text } of readLines(path)) {
    // Over every line as read, blank ones too: the store step recomputes it over its own read.
    digest.update(`${text}\n`, 'utf8');
    if (text.trim() === '') continue;
    const parsed = parseExportLine(text);
    bytes += Buffer.byteLength(text) + 1;
    const report = (field: string, reason: string) => problems.push({ lineNumber, field, reason });
    if (!parsed.ok) {
      for (const p of parsed.problems) report(p.field, p.reason);
      lines.refusedBeforeDeciding();
    } else {
      events += 1;
      // Every problem of the line is reported: its place in the chain and what decide says of it.
      for (const p of lines.chainProblems(parsed.event)) report(p.field, p.reason);
      const decision = lines.decide(parsed.event);
      if (decision.kind === 'refused') for (const p of decision.problems) report(p.field, p.reason);
      // A ledger stores each event once: in an export, any id on two lines is a fault of the file.
      if (decision.kind === 'repeated') report('eventId', 'is the id of an event on an earlier line');
      if (events % 5000 === 0) onProgress?.(bytes, total);
    }
    if (problems.length >= MAX_REPORTED_PROBLEMS) break;
  }
  onProgress?.(Math.min(bytes, total), total);
  return { events, problems, digest: digest.digest('hex') };
}
