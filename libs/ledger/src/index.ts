// Public API of libs/ledger: decide and its state, stream ids, canonical JSON and the hash chain.
export { canonicalJson, utcMillis } from './canonical-json.js';
export { ChainVerifier, EMPTY_STREAM, GENESIS_HASH, canonicalEvent, chainNext, eventHash, sha256Hex } from './hash-chain.js';
export type { ChainProblem, ChainReport, ChainTail, HashedFields } from './hash-chain.js';
export { sameContent } from './same-content.js';
export type { EventContent } from './same-content.js';
export { decide, streamsToLoad, toStreamAppends } from './decide.js';
export type { DecideCommand, DecideResult, DecidedAppend } from './decide.js';
export { DECIDE_ERRORS } from './decide.errors.js';
export type { DecideErrorCode, DecideProblem, Refusal, RefusalKind as DecideRefusalKind } from './decide.errors.js';
export { evolveLedgerState, foldLedgerState } from './ledger-state.evolve.js';
export type { FoldableEvent } from './ledger-state.evolve.js';
export { disputeKey, forkLedgerState, initialLedgerState, isRegisteredUnit, outageKey } from './ledger-state.js';
export type { AssessmentState, DisputeState, KnownEvent, LedgerState, OutageState, Table } from './ledger-state.js';
export { assessmentStreamId, streamIdFor, unitIdOf, unitStreamId } from './stream-ids.js';
