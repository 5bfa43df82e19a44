// Checks an NDJSON file line by line as if each line were appended in turn: shape (validateNewEvent), then
// decide against the state folded from the lines accepted before it. A refused line changes nothing, as a refused
// append stores nothing. Accepted events go to `accept` as they come, so nothing holds the whole file.
import { stat } from 'node:fs/promises';
import type { LedgerEvent } from '../../../events/index.js';
import { decide, evolveLedgerState, initialLedgerState, unitIdOf, type KnownEvent, type LedgerState } from '../../../libs/ledger/src/index.js';
import type { Rulebook } from '../../../libs/rulebook/src/rulebook.types.js';
import { ChainVerifier } from '../../../libs/ledger/src/hash-chain.js';
import { parseExportLine } from '../export-line.js';
import { parseEnvelopeLine } from './envelope-line.js';
import { readLines } from './ndjson-lines.js';

export interface LineProblem {
  lineNumber: number;
  field: string;
  reason: string;
}

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

function sameEvent(known: KnownEvent, event: LedgerEvent): boolean {
  const indicator = typeof event.data.indicator === 'string' ? event.data.indicator : null;
  return (
    known.type === event.type &&
    known.actorUnitId === event.actor.unitId &&
    known.unitId === unitIdOf(event) &&
    known.indicator === indicator &&
    known.occurredAtMs === Date.parse(event.occurredAt)
  );
}

export async function checkLedgerFile(path: string, options: CheckOptions): Promise<LedgerFileCheck> {
  const maxProblems = options.maxProblems ?? 1000;
  let rulebook = options.defaultRulebook;
  let state = initialLedgerState(rulebook);
  let accepted = 0;
  let problemCount = 0;
  const problems: LineProblem[] = [];
  const report = (lineNumber: number, field: string, reason: string) => {
    problemCount += 1;
    if (problems.length < maxProblems) problems.push({ lineNumber, field, reason });
  };

  // An export carries its hash chain: when the first event line has a hash, every line's is recomputed, and a
  // tampered line is refused by number, as `ledger verify --file` would name it.
  let chain: ChainVerifier | null | undefined;
  const size = options.onProgress ? (await stat(path)).size : 0;
  let bytes = 0;
  for await (const { lineNumber, text } of readLines(path)) {
    if (options.onProgress) {
      bytes += Buffer.byteLength(text) + 1;
      if (lineNumber % PROGRESS_EVERY_LINES === 0) options.onProgress(Math.min(bytes, size), size);
    }
    if (text.trim() === '') continue;
    const parsed = parseEnvelopeLine(text, lineNumber);
    if (!parsed.ok) {
      for (const p of parsed.problems) report(lineNumber, p.field, p.reason);
      continue;
    }
    chain ??= /"hash"\s*:/.test(text) ? new ChainVerifier(Number.MAX_SAFE_INTEGER) : null;
    if (chain !== null) {
      const exported = parseExportLine(text);
      if (!exported.ok) {
        for (const p of exported.problems) report(lineNumber, p.field, p.reason);
        continue;
      }
      const seen = chain.problems.length;
      chain.add(exported.event);
      const broken = chain.problems.slice(seen);
      for (const p of broken) report(lineNumber, 'hash', `position ${p.position}: ${p.reason}`);
      if (broken.length > 0) continue;
    }
    const event = parsed.event;
    // The assessment names its rulebook; it can only choose it before any event was checked against another.
    if (accepted === 0 && problemCount === 0 && event.type === 'AssessmentOpened') {
      const named = options.findRulebook(String(event.data.rulebook));
      if (named !== undefined && named !== rulebook) {
        rulebook = named;
        state = initialLedgerState(rulebook);
      }
    }
    const decision = decide({ events: [event], actor: event.actor, recordedAt: event.recordedAt }, state, rulebook);
    if (!decision.ok) {
      for (const p of decision.problems) report(lineNumber, p.field, p.reason);
      continue;
    }
    if (decision.retries.length > 0) {
      // The same id again is the same event stored once; the same id for something else is a mistake.
      const known = state.events.get(event.eventId);
      if (known !== undefined && !sameEvent(known, event)) report(lineNumber, 'eventId', 'is already the id of an earlier, different event');
      continue;
    }
    evolveLedgerState(state, event);
    accepted += 1;
    options.accept(event, rulebook);
  }
  options.onProgress?.(size, size);
  return { rulebook, state, accepted, problems, problemCount };
}
