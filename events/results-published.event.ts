import { IsInt, Matches, Min } from 'class-validator';
import { IsInstantField } from './field-rules.js';
import type { LedgerEvent } from './envelope.js';
import { registerUpcaster } from './upcasters.js';

/** Pins the ledger head and the SHA-256 of the published scores JSON (spec §4). */
export const RESULTS_PUBLISHED = 'ResultsPublished';

export interface ResultsPublishedData {
  assessmentId: string;
  asOf: string;
  knownAt: string;
  ledgerPosition: number;
  ledgerHash: string;
  scoresSha256: string;
}
export type ResultsPublished = LedgerEvent<typeof RESULTS_PUBLISHED, ResultsPublishedData>;

export class ResultsPublishedDataV1 implements ResultsPublishedData {
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'must be an id: lowercase letters, digits and hyphens' })
  assessmentId!: string;
  @IsInstantField() asOf!: string;
  @IsInstantField() knownAt!: string;
  @IsInt({ message: 'must be an integer' }) @Min(0, { message: 'must not be negative' }) ledgerPosition!: number;
  @Matches(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256: 64 lowercase hex digits' }) ledgerHash!: string;
  @Matches(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256: 64 lowercase hex digits' }) scoresSha256!: string;
}

/**
 * Version 2 (integrity.md §3) also pins the Merkle tree of the log at ledgerPosition: its size and root hash
 * (base64), so a rewrite of any earlier event, even with its stream's chain recomputed, changes what a verify
 * recomputes. Version 1 events stay valid: their upcast pins no tree (null).
 */
export interface ResultsPublishedDataV2Shape extends ResultsPublishedData {
  treeSize: number | null;
  rootHash: string | null;
}

export class ResultsPublishedDataV2 extends ResultsPublishedDataV1 implements ResultsPublishedDataV2Shape {
  @IsInt({ message: 'must be an integer' }) @Min(0, { message: 'must not be negative' }) treeSize!: number;
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be a SHA-256 in base64 (44 characters)' }) rootHash!: string;
}

registerUpcaster({
  type: RESULTS_PUBLISHED,
  fromVersion: 1,
  toVersion: 2,
  up: (data) => ({ ...data, treeSize: null, rootHash: null }),
});
