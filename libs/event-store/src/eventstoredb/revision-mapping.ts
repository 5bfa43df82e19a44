// Our revisions and positions ↔ the client's. Ours are JavaScript numbers (0-based revision of the stream's last
// event; positions as numbers for checkpoints kept in PostgreSQL); the client speaks bigint and string constants.
import type { AppendExpectedRevision, CurrentRevision, Position } from '@eventstore/db-client';
import type { ExpectedRevision } from '../event-store.port.js';

// The literals of the client's constants, spelled here so this module needs only its types.
const ANY = 'any';
const NO_STREAM = 'no_stream';
const STREAM_EXISTS = 'stream_exists';

export function toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  return revisionToBigInt(expected);
}

export function fromClientExpectedRevision(expected: AppendExpectedRevision): ExpectedRevision {
  if (expected === ANY) return 'any';
  if (expected === NO_STREAM) return 'no_stream';
  // We never send it, and the port has no such expectation: meeting it means a caller bypassed the adapter.
  if (expected === STREAM_EXISTS) throw new RangeError('the port has no "stream exists" expectation');
  return bigIntToRevision(expected);
}

export function fromClientCurrentRevision(current: CurrentRevision): number | 'no_stream' {
  return current === NO_STREAM ? 'no_stream' : bigIntToRevision(current);
}

/** The revision we append after: the exact revision of the stream's last event, or no stream yet. */
export function toClientCurrentRevision(current: number | 'no_stream'): AppendExpectedRevision {
  return current === 'no_stream' ? NO_STREAM : revisionToBigInt(current);
}

export function revisionToBigInt(revision: number): bigint {
  if (!Number.isSafeInteger(revision) || revision < 0) throw new RangeError(`not a stream revision: ${revision}`);
  return BigInt(revision);
}

export function bigIntToRevision(revision: bigint): number {
  if (revision < 0n || revision > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`stream revision ${revision} is out of range`);
  return Number(revision);
}

// A stream read on a server that does not report $all positions gives 2^64-1; anything at or above 2^53 cannot be a
// checkpoint number either (2^53 bytes is 9 PB of log).
export function commitPositionToNumber(position: Position | undefined): number | undefined {
  if (position === undefined) return undefined;
  if (position.commit < 0n || position.commit > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return Number(position.commit);
}

/** The $all position of a checkpoint. Our events are written by single appends (implicit transactions), where
 * EventStoreDB gives every event its own log position as both commit and prepare position. */
export function numberToPosition(position: number): Position {
  if (!Number.isSafeInteger(position) || position < 0) throw new RangeError(`not a log position: ${position}`);
  return { commit: BigInt(position), prepare: BigInt(position) };
}
