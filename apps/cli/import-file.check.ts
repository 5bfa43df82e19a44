// Reads an export file for `ledger import`, line by line: each line's shape, the rules an append is decided by
// (folded in file order, as the ledger first decided them), and the hash chain recomputed as it goes. Holds the
// ledger state the decisions need, never the events themselves.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { StoredEvent } from '../../events/index.js';
import { ChainVerifier } from '../../libs/ledger/src/hash-chain.js';
import { decide, evolveLedgerState, initialLedgerState } from '../../libs/ledger/src/index.js';
import { findRulebook, getRulebook } from '../../libs/rulebook/src/index.js';
import { readLines } from './evaluate/ndjson-lines.js';
import { parseExportLine } from './export-line.js';

export interface LineProblem {
  lineNumber: number;
  field: string;
  reason: string;
}

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
  let rulebook = getRulebook('lc-2017');
  let state = initialLedgerState(rulebook);
  const chain = new ChainVerifier(Number.MAX_SAFE_INTEGER);
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
    } else {
      const event: StoredEvent = parsed.event;
      events += 1;
      if (events === 1 && event.type === 'AssessmentOpened') {
        // The assessment names its rulebook, as in `ledger evaluate`.
        const named = findRulebook(String(event.data.rulebook));
        if (named !== undefined) rulebook = named;
        state = initialLedgerState(rulebook);
      }
      const seen = chain.problems.length;
      chain.add(event);
      for (const p of chain.problems.slice(seen)) report('hash', `position ${p.position}: ${p.reason}`);
      const decision = decide({ events: [event], actor: event.actor, recordedAt: event.recordedAt }, state, rulebook);
      if (!decision.ok) for (const p of decision.problems) report(p.field, p.reason);
      else if (decision.retries.length > 0) report('eventId', 'is the id of an event on an earlier line');
      else evolveLedgerState(state, event);
      if (events % 5000 === 0) onProgress?.(bytes, total);
    }
    if (problems.length >= MAX_REPORTED_PROBLEMS) break;
  }
  onProgress?.(Math.min(bytes, total), total);
  return { events, problems, digest: digest.digest('hex') };
}
