// The event envelope of spec/events.md §1. Event data holds primitives only; the stored identity is `type`
// (an explicit string), never a class name.

export interface Actor {
  unitId: string;
  userId: string;
}

// `file`: a document uploaded to the ledger (POST /v1/evidence) and named by its SHA-256.
export const EVIDENCE_KINDS = ['document', 'system-record', 'photo', 'url', 'file'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface Evidence {
  kind: EvidenceKind;
  ref: string;
  /** SHA-256 (64 lowercase hex) of the file; required for documents, photos and files (an uploaded file's address). */
  sha256?: string;
}

/** What a client sends: the ledger sets recordedAt, actor and the stream coordinates. */
export interface NewEvent<TType extends string = string, TData = Record<string, unknown>> {
  eventId?: string;
  type: TType;
  schemaVersion: number;
  occurredAt: string;
  evidence: Evidence[];
  data: TData;
}

/** An event as the ledger holds it, before the store gives it a place. */
export interface LedgerEvent<TType extends string = string, TData = Record<string, unknown>> {
  eventId: string;
  type: TType;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  actor: Actor;
  evidence: Evidence[];
  data: TData;
}

/** An event as stored and exported: with its place in the global log and its stream, and the chain hashes. */
export interface StoredEvent<TType extends string = string, TData = Record<string, unknown>>
  extends LedgerEvent<TType, TData> {
  position: number;
  streamId: string;
  streamRevision: number;
  hash: string;
  prevHash: string;
}
