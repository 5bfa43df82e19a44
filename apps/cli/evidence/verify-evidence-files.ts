// `ledger verify`'s evidence part, merged into the chain report: a damaged or missing file is a problem of the
// ledger like a damaged event. Stored-file problems have no position (0); unresolved references name theirs.
import type pg from 'pg';
import type { ChainProblem, ChainReport } from '../../../libs/ledger/src/hash-chain.js';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import { PostgresEvidenceStorage } from '../../../libs/evidence/src/postgres-evidence-storage.js';
import { verifyEvidence, type EvidenceReport } from '../../../libs/evidence/src/verify-evidence.js';
import { readLog } from '../../../libs/event-store/src/read-log.js';

export type VerifyReport = ChainReport & { evidence: Omit<EvidenceReport, 'problems'> & { summary: string } };

export async function verifyEvidenceFiles<T extends ChainReport>(chain: T, store: EventStore, pool: pg.Pool): Promise<T & VerifyReport> {
  const { problems: found, ...evidence } = await verifyEvidence(new PostgresEvidenceStorage(pool), readLog(store, { through: chain.head }));
  const problems: ChainProblem[] = found.map((p) => ({
    position: p.position ?? 0,
    streamId: '',
    streamRevision: 0,
    reason: p.field ? `${p.field}: ${p.reason} (${p.sha256})` : `evidence file ${p.sha256}: ${p.reason}`,
  }));
  const summary = `evidence: ${evidence.files} files (${evidence.bytes} bytes) rehashed, ${evidence.references} file references resolved`;
  return { ...chain, ok: chain.ok && problems.length === 0, problems: [...chain.problems, ...problems], evidence: { ...evidence, summary } };
}
