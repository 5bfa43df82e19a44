// `ledger verify --file EXPORT`: the chain check of `ledger verify`, on an export file and without a database.
// Every line is parsed as an exported event and fed to the same ChainVerifier in file order; problems name the line.
import { stat } from 'node:fs/promises';
import { ChainVerifier, type ChainProblem, type ChainReport } from '../../libs/ledger/src/hash-chain.js';
import { readLines } from './evaluate/ndjson-lines.js';
import { parseExportLine } from './export-line.js';

export interface FileChainProblem extends ChainProblem {
  /** The line of the file it was found on. */
  line: number;
}

export interface FileChainReport extends ChainReport {
  problems: FileChainProblem[];
}

const MAX_PROBLEMS = 100;

export async function verifyExportFile(path: string, onProgress?: (bytes: number, total: number) => void): Promise<FileChainReport> {
  const total = (await stat(path)).size;
  const chain = new ChainVerifier(Number.MAX_SAFE_INTEGER);
  const problems: FileChainProblem[] = [];
  let bytes = 0;
  let events = 0;
  for await (const { lineNumber, text } of readLines(path)) {
    bytes += Buffer.byteLength(text) + 1;
    if (text.trim() === '') continue;
    const parsed = parseExportLine(text);
    if (!parsed.ok) {
      for (const p of parsed.problems) problems.push({ line: lineNumber, position: 0, streamId: '', streamRevision: -1, reason: `${p.field}: ${p.reason}` });
    } else {
      const seen = chain.problems.length;
      chain.add(parsed.event);
      for (const p of chain.problems.slice(seen)) problems.push({ ...p, line: lineNumber });
    }
    if (++events % 5000 === 0) onProgress?.(bytes, total);
  }
  onProgress?.(Math.min(bytes, total), total);
  const report = chain.result();
  return { ...report, ok: problems.length === 0, problems: problems.slice(0, MAX_PROBLEMS) };
}
