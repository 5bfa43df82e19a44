// Checks an NDJSON file line by line as if each line were appended in turn: shape (validateNewEvent), then
// decide against the state folded from the lines accepted before it. A refused line changes nothing, as a refused
// append stores nothing. Accepted events go to `accept` as they come, so nothing holds the whole file.
import { stat } from 'node:fs/promises';
import type { LedgerEvent } from '../../../events/index.js';
import type { LedgerState } from '../../../libs/ledger/src/index.js';
import type { Rulebook } from '../../../libs/rulebook/src/rulebook.types.js';
import { parseExportLine } from '../export-line.js';
import { LineDecider, type LineProblem } from '../line-decider.js';
import { parseEnvelopeLine } from './envelope-line.js';
import { readLines } from './ndjson-lines.js';

export interface LedgerFileCheck {
  rulebook: Rulebook;
  state: LedgerState;
  accepted: number;
  /** The first `maxProblems` problems, in line order. */
  problems: LineProblem[];
  problemCount: number;
}

export interface CheckOptions {
  defaultRulebook: Rulebook;
  findRulebook(id: string): Rulebook | undefined;
  /** Called with each accepted event, in file order; the rulebook is fixed by the time the first one arrives. */
  accept(event: LedgerEvent, rulebook: Rulebook): void;
  maxProblems?: number;
  /** Bytes read so far of the file's size, every few thousand lines and at the end (for a progress bar). */
  onProgress?(bytes: number, total: number): void;
}

const PROGRESS_EVERY_LINES = 5000;

export async function checkLedgerFile(path: string, options: CheckOptions): Promise<LedgerFileCheck> {
  const maxProblems = options.maxProblems ?? 1000;
  const lines = new LineDecider(options);
  let accepted = 0;
  let problemCount = 0;
  const problems: LineProblem[] = [];
  const report = (lineNumber: number, field: string, reason: string) => {
    problemCount += 1;
    if (problems.length < maxProblems) problems.push({ lineNumber, field, reason });
  };

  // An export carries its hash chain: when the first event line has a hash, every line's is recomputed, and a
  // tampered line is refused by number, as `ledger verify --file` would name it.
  let chained: boolean | undefined;
  const size = options.onProgress ? (await stat(path)).size : 0;
  let bytes = 0;
  for await (const { lineNumber, text } of readLines(path)) {
    if (options.onProgress) {
      bytes += Buffer.byteLength(text) + 1;
      if (lineNumber % PROGRESS_EVERY_LINES === 0) options.onProgress(Math.min(bytes, size), size);
    }
    if (text.trim() === '') continue;
    const parsed = parseEnvelopeLine(text, lineNumber);
    const refuse = (problems: readonly { field: string; reason: string }[]) => {
      for (const p of problems) report(lineNumber, p.field, p.reason);
      lines.refusedBeforeDeciding();
    };
    if (!parsed.ok) {
      refuse(parsed.problems);
      continue;
    }
    chained ??= /"hash"\s*:/.test(text);
    if (chained) {
      const exported = parseExportLine(text);
      if (!exported.ok) {
        refuse(exported.problems);
        continue;
      }
      const broken = lines.chainProblems(exported.event);
      if (broken.length > 0) {
        refuse(broken);
        continue;
      }
    }
    const event = parsed.event;
    const decision = lines.decide(event);
    if (decision.kind === 'refused') {
      for (const p of decision.problems) report(lineNumber, p.field, p.reason);
      continue;
    }
    // The same id again is the same event stored once; the same id for something else is a mistake.
    if (decision.kind === 'repeated') {
      if (!decision.same) report(lineNumber, 'eventId', 'is already the id of an earlier, different event');
      continue;
    }
    accepted += 1;
    options.accept(event, lines.rulebook);
  }
  options.onProgress?.(size, size);
  return { rulebook: lines.rulebook, state: lines.state, accepted, problems, problemCount };
}
