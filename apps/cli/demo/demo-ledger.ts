// The demo as a real 2017 ledger: the scenario's events, in the order they happened, each decided by the same
// `decide` as an append (with its 2017 recordedAt: a few hours after it occurred) and chained as the store chains
// them, ending with the published results of January 2018. `ledger demo` imports the result into an empty ledger
// through the checks of `ledger import`, so "as known at 2017-12-01" questions answer as the README prints them.
import type { StoredEvent } from '../../../events/index.js';
import { GENESIS_HASH, decide, eventHash, evolveLedgerState, initialLedgerState } from '../../../libs/ledger/src/index.js';
import { createEvaluation, formatInstant, parseInstant, type Rulebook } from '../../../libs/rulebook/src/index.js';
import { MemoryTree } from '../../../libs/integrity/src/merkle.js';
import { scoresDigest } from '../../../libs/application/src/published-results.js';
import { ASSESSMENT_ID, DEMO_ACTORS, demoIds, lichengDistrict } from './licheng-district.scenario.js';

/** A lead records a finding the same working day: two hours after it occurred. */
const RECORDING_DELAY_MS = 2 * 3_600_000;
/** When 区政府办 publishes the 2017 results. */
export const DEMO_PUBLISHED_AT = '2018-01-10T10:00:00+08:00';

export class DemoRefusedError extends Error {}

export function buildDemoLedger(rulebook: Rulebook): StoredEvent[] {
  const offset = rulebook.utcOffsetMinutes;
  // Every event with its actor, in valid-time order (stable: a step's events keep their order).
  const demoId = demoIds();
  const planned = lichengDistrict(rulebook, demoId)
    .flatMap((step) => step.events.map((event) => ({ step: step.label, actor: step.actor, event })))
    .map((p, i) => ({ ...p, i, at: parseInstant(p.event.occurredAt) }))
    .sort((a, b) => a.at - b.at || a.i - b.i);

  const state = initialLedgerState(rulebook);
  const streams = new Map<string, { revision: number; hash: string }>();
  const stored: StoredEvent[] = [];
  let lastRecorded = 0;
  const append = (actor: StoredEvent['actor'], event: (typeof planned)[number]['event'], recordedMs: number, label: string) => {
    lastRecorded = Math.max(lastRecorded + 1, recordedMs);
    // As the store records it (and exports it): UTC with milliseconds.
    const recordedAt = new Date(lastRecorded).toISOString();
    const decision = decide({ events: [event], actor, recordedAt }, state, rulebook);
    if (!decision.ok) throw new DemoRefusedError(`${label}: ${decision.problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`);
    const { streamId } = decision.appends[0];
    const previous = streams.get(streamId) ?? { revision: -1, hash: GENESIS_HASH };
    const fields = {
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      streamId,
      streamRevision: previous.revision + 1,
      occurredAt: event.occurredAt,
      recordedAt,
      actor,
      evidence: event.evidence,
      data: JSON.parse(JSON.stringify(event.data)) as Record<string, unknown>,
    };
    const hash = eventHash(previous.hash, fields);
    const storedEvent: StoredEvent = { position: stored.length + 1, ...fields, hash, prevHash: previous.hash };
    streams.set(streamId, { revision: fields.streamRevision, hash });
    evolveLedgerState(state, storedEvent);
    stored.push(storedEvent);
  };
  for (const p of planned) append(p.actor, p.event, p.at + RECORDING_DELAY_MS, p.step);

  // The results, as POST /v1/results computes them: every unit at the year end, known at publication.
  const publishedMs = parseInstant(DEMO_PUBLISHED_AT);
  const asOf = formatInstant(parseInstant(rulebook.year.to), offset);
  const knownAt = formatInstant(publishedMs, offset);
  const evaluation = createEvaluation({ rulebook, asOf, knownAt });
  for (const e of stored) evaluation.add(e);
  const head = stored[stored.length - 1];
  // As POST /v1/results pins it too (integrity.md §3): the Merkle tree of the log up to that head.
  const tree = new MemoryTree();
  for (const e of stored) tree.appendLeaf(Buffer.from(e.hash, 'hex'));
  const data = {
    assessmentId: ASSESSMENT_ID,
    asOf,
    knownAt,
    ledgerPosition: head.position,
    ledgerHash: head.hash,
    scoresSha256: scoresDigest(evaluation.result()),
    treeSize: head.position,
    rootHash: tree.root().toString('base64'),
  };
  append(DEMO_ACTORS.gov, { eventId: demoId('results'), type: 'ResultsPublished', schemaVersion: 2, occurredAt: knownAt, evidence: [], data }, publishedMs, 'results');
  return stored;
}
