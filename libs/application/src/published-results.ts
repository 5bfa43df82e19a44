// Published results are reproducible: ResultsPublished pins the ledger head (position and its hash) and the
// SHA-256 of the canonical JSON of the scores computed from the events up to that head. Anyone can later recompute
// both from the ledger (or from an export) and compare. Shared by the API and `ledger verify --results`.
import type { StoredEvent } from '../../../events/index.js';
import type { EventStore } from '../../event-store/src/event-store.port.js';
import { canonicalJson, sha256Hex } from '../../ledger/src/index.js';
import { createEvaluation, parseInstant, type Rulebook, type ScoresDocument } from '../../rulebook/src/index.js';
import { readLog } from '../../event-store/src/read-log.js';
import { checkPinnedTree } from '../../integrity/src/recompute-root.js';

export interface ResultsPin {
  asOf: string;
  knownAt: string;
  ledgerPosition: number;
}

/** SHA-256 of the scores document's canonical JSON (keys sorted at every depth, no whitespace). */
export function scoresDigest(scores: ScoresDocument): string {
  return sha256Hex(canonicalJson(scores));
}

/** Unit names and kinds as known at knownAt: the lead units from the rulebook, the others from UnitRegistered. */
export function unitNamesCollector(rulebook: Rulebook, knownAt: string) {
  const knownAtMs = parseInstant(knownAt);
  const names = new Map(rulebook.leadUnits.map((u): [string, { name: string; kind: string }] => [u.unitId, { name: u.name, kind: u.kind }]));
  return {
    names,
    add(event: StoredEvent) {
      if (event.type !== 'UnitRegistered' || parseInstant(event.recordedAt) > knownAtMs) return;
      const data = event.data as Record<string, string>;
      names.set(data.unitId, { name: data.name, kind: data.kind });
    },
  };
}

export interface ScoresAtHead {
  scores: ScoresDocument;
  /** The hash of the event at the pinned position (null: no such event). */
  headHash: string | null;
  /** Unit names and kinds as known at knownAt, collected in the same pass (the result's report prints them). */
  names: Map<string, { name: string; kind: string }>;
}

/** The scores of every unit from the events at positions 1 … ledgerPosition, at asOf as known at knownAt. */
export async function scoresAtHead(store: EventStore, rulebook: Rulebook, pin: ResultsPin): Promise<ScoresAtHead> {
  const evaluation = createEvaluation({ rulebook, asOf: pin.asOf, knownAt: pin.knownAt });
  const names = unitNamesCollector(rulebook, pin.knownAt);
  let headHash: string | null = null;
  for await (const batch of readLog(store, { through: pin.ledgerPosition })) {
    for (const event of batch) {
      evaluation.add(event);
      names.add(event);
      if (event.position === pin.ledgerPosition) headHash = event.hash;
    }
  }
  return { scores: evaluation.result(), headHash, names: names.names };
}

export interface ResultsVerification {
  resultId: string;
  ok: boolean;
  /** The digest recomputed now from the ledger up to the pinned head. */
  scoresSha256: string;
  publishedScoresSha256: string;
  /** The hash of the event at the pinned position, as the ledger holds it now. */
  ledgerHash: string | null;
  publishedLedgerHash: string;
  problems: string[];
}

export async function verifyPublishedResult(
  store: EventStore,
  rulebook: Rulebook,
  published: StoredEvent,
): Promise<ResultsVerification & { scores: ScoresDocument; recomputed: ScoresAtHead }> {
  const data = published.data as { asOf: string; knownAt: string; ledgerPosition: number; ledgerHash: string; scoresSha256: string };
  const recomputed = await scoresAtHead(store, rulebook, data);
  const { scores, headHash } = recomputed;
  const digest = scoresDigest(scores);
  const problems: string[] = [];
  if (headHash !== data.ledgerHash) {
    problems.push(`the event at position ${data.ledgerPosition} has hash ${headHash ?? '(none)'}, not the published ${data.ledgerHash}`);
  }
  if (digest !== data.scoresSha256) problems.push(`the scores recomputed at that head digest to ${digest}, not the published ${data.scoresSha256}`);
  // integrity.md §3: a result of schema version 2 also pins the Merkle tree of the log.
  problems.push(...(await checkPinnedTree(store, published.data as { treeSize?: number | null; rootHash?: string | null })));
  return {
    resultId: published.eventId,
    ok: problems.length === 0,
    scoresSha256: digest,
    publishedScoresSha256: data.scoresSha256,
    ledgerHash: headHash,
    publishedLedgerHash: data.ledgerHash,
    problems,
    scores,
    recomputed,
  };
}
