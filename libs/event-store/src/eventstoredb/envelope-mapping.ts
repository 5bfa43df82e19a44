// Our envelope ↔ an EventStoreDB event. EventStoreDB keeps the event id, type, stream and revision itself, so those
// are read back from it, not from metadata: the hash then binds the stored metadata to where the event really is, and
// an event moved or re-typed behind our back fails `verify`. `data` stays exactly the payload so any EventStoreDB
// tool shows the finding as it is; the rest of the envelope rides in metadata.
import type { JSONEventData, Position } from '@eventstore/db-client';
import type { Actor, Evidence, StoredEvent } from '../../../../events/index.js';
import { ForeignEventError } from './eventstoredb.errors.js';
import { bigIntToRevision, commitPositionToNumber } from './revision-mapping.js';

/** Marks our metadata so a foreign event is told apart from a damaged one; bump it with a migration if it changes. */
export const ENVELOPE_FORMAT = 'ledger-envelope/1';

export interface EnvelopeMetadata {
  format: typeof ENVELOPE_FORMAT;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  actor: Actor;
  evidence: Evidence[];
  /** Not part of the public envelope; kept so readUnit and idempotency checks can compare it. */
  unitId: string | null;
  /** Redundant with EventStoreDB's revision; kept so an export of raw metadata is self-describing. */
  streamRevision: number;
  hash: string;
  prevHash: string;
}

/** A ledger event before EventStoreDB has given it a log position. */
export type PendingEvent = Omit<StoredEvent, 'position'> & { unitId: string | null };

/** A ledger event read back, with the unit it is about (which the public envelope does not carry). */
export interface ReadLedgerEvent {
  event: StoredEvent;
  unitId: string | null;
}

/** What the client gives us for a recorded event: the fields we use, so tests need no client objects. */
export interface RecordedLike {
  id: string;
  streamId: string;
  type: string;
  revision: bigint;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  position?: Position;
}

export function toEventData(event: PendingEvent): JSONEventData {
  const metadata: EnvelopeMetadata = {
    format: ENVELOPE_FORMAT,
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    actor: event.actor,
    evidence: event.evidence,
    unitId: event.unitId,
    streamRevision: event.streamRevision,
    hash: event.hash,
    prevHash: event.prevHash,
  };
  return {
    id: event.eventId,
    contentType: 'application/json',
    type: event.type,
    data: event.data,
    metadata: metadata as unknown as Record<string, unknown>,
  };
}

/** EventStoreDB's own events ($stats, $metadata, links, …) are not part of the ledger. */
export function isSystemEvent(recorded: Pick<RecordedLike, 'streamId' | 'type'>): boolean {
  return recorded.streamId.startsWith('$') || recorded.type.startsWith('$');
}

export function fromRecordedEvent(recorded: RecordedLike): ReadLedgerEvent {
  const fail = (reason: string): never => {
    throw new ForeignEventError(recorded.streamId, recorded.revision, reason);
  };
  if (!recorded.isJson) fail('its content type is not JSON');
  if (!isPlainObject(recorded.data)) fail('its data is not a JSON object');
  const meta = recorded.metadata;
  if (!isPlainObject(meta)) return fail('it has no JSON metadata');
  if (meta.format !== ENVELOPE_FORMAT) fail(`its metadata format is ${JSON.stringify(meta.format)}, not ${ENVELOPE_FORMAT}`);
  const position = commitPositionToNumber(recorded.position);
  if (position === undefined) {
    fail('the server reported no $all position for it (stream reads carry positions from EventStoreDB 22.10 on)');
  }
  // The revision comes from EventStoreDB, not metadata: an event moved behind our back then fails its hash.
  const streamRevision = bigIntToRevision(recorded.revision);
  const event: StoredEvent = {
    eventId: recorded.id,
    type: recorded.type,
    schemaVersion: integer(meta.schemaVersion, 'schemaVersion', fail),
    occurredAt: text(meta.occurredAt, 'occurredAt', fail),
    recordedAt: text(meta.recordedAt, 'recordedAt', fail),
    actor: actor(meta.actor, fail),
    evidence: evidence(meta.evidence, fail),
    data: recorded.data as Record<string, unknown>,
    position: position as number,
    streamId: recorded.streamId,
    streamRevision,
    hash: hex64(meta.hash, 'hash', fail),
    prevHash: hex64(meta.prevHash, 'prevHash', fail),
  };
  const unitId = meta.unitId === null ? null : text(meta.unitId, 'unitId', fail);
  return { event, unitId };
}

type Fail = (reason: string) => never;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function text(value: unknown, field: string, fail: Fail): string {
  return typeof value === 'string' ? value : fail(`metadata.${field} is not a string`);
}

function integer(value: unknown, field: string, fail: Fail): number {
  return Number.isSafeInteger(value) ? (value as number) : fail(`metadata.${field} is not an integer`);
}

function hex64(value: unknown, field: string, fail: Fail): string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value) ? value : fail(`metadata.${field} is not 64 hex digits`);
}

function actor(value: unknown, fail: Fail): Actor {
  if (!isPlainObject(value)) return fail('metadata.actor is not an object');
  text(value.unitId, 'actor.unitId', fail);
  text(value.userId, 'actor.userId', fail);
  // Kept exactly as stored (extra keys too): the hash, not this mapping, decides whether it was altered.
  return value as unknown as Actor;
}

function evidence(value: unknown, fail: Fail): Evidence[] {
  if (!Array.isArray(value)) return fail('metadata.evidence is not an array');
  return value.map((item, i) => {
    if (!isPlainObject(item)) return fail(`metadata.evidence[${i}] is not an object`);
    text(item.kind, `evidence[${i}].kind`, fail);
    text(item.ref, `evidence[${i}].ref`, fail);
    if (item.sha256 !== undefined) text(item.sha256, `evidence[${i}].sha256`, fail);
    return item as unknown as Evidence;
  });
}
