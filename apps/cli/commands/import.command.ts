// `ledger import FILE`: restores an export into an EMPTY ledger, keeping positions, revisions, recordedAt and
// hashes. Everything is checked before anything is stored (shape, the append rules, every hash and the chain);
// a tampered file is refused naming its line. Then a second read stores it in one transaction, and that read must
// see the very bytes the check saw, or the transaction is rolled back.
import { createHash } from 'node:crypto';
import type { StoredEvent } from '../../../events/index.js';
import { ImportRefusedError, LedgerNotEmptyError, importIntoEmptyLedger } from '../../../libs/event-store/src/postgres/import-events.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, write, type CliCommand, type CliIo } from '../cli-command.js';
import { CliFailure, withLedger } from '../cli-context.js';
import { readLines } from '../evaluate/ndjson-lines.js';
import { MAX_REPORTED_PROBLEMS, checkImportFile } from '../import-file.check.js';
import { progressBar } from '../progress.js';
import { PostgresEvidenceStorage } from '../../../libs/evidence/src/postgres-evidence-storage.js';
import { checkEvidenceDir, checkFileReferences, importEvidence, type ManifestEntry } from '../evidence/evidence-dir.js';

const BATCH = 5000;

const usage = `Usage: ledger import FILE [--with-evidence DIR]

Restores FILE, written by \`ledger export\`, into the configured ledger, which must be empty. Every line is checked
first: its shape, the rules an append must pass, and its hash and place in its stream's chain, recomputed. A file
with any problem is refused (each problem as "line N: field: reason" on stderr) and nothing is stored. recordedAt,
positions, stream revisions and hashes are kept, so exporting the imported ledger gives the same bytes.

Evidence files: an export whose events reference uploaded files (evidence of kind "file") needs
--with-evidence DIR, the directory \`ledger export --with-evidence DIR\` wrote. Every file there is rehashed and
its signature checked, and every reference must resolve, before anything is stored; the files are stored first.

Options:
  --with-evidence DIR   the evidence files of the export
  -h, --help            this text

Exit status: 0 imported; 1 refused (bad or tampered file, or the ledger is not empty); 2 bad usage or unreadable file.
`;

/**
 * The second read, for storing: the bytes were checked by the first, so a plain parse suffices here, and the digest
 * of what this read saw must match the checked one before the adapter may commit.
 */
async function* batchesOf(path: string, expectedDigest: string, onStored: (events: number) => void): AsyncGenerator<StoredEvent[]> {
  const digest = createHash('sha256');
  let batch: StoredEvent[] = [];
  let handedOver = 0;
  for await (const { lineNumber, text } of readLines(path)) {
    digest.update(`${text}\n`, 'utf8');
    if (text.trim() === '') continue;
    try {
      batch.push(JSON.parse(text) as StoredEvent);
    } catch {
      throw new ImportRefusedError(`line ${lineNumber} changed after it was checked`);
    }
    if (batch.length === BATCH) {
      yield batch;
      // Asked for the next batch: the one before is stored.
      handedOver += batch.length;
      onStored(handedOver);
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
  // Thrown before the adapter commits: what is stored is exactly what was checked.
  if (digest.digest('hex') !== expectedDigest) throw new ImportRefusedError(`${path} changed while it was imported`);
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = await parseCommandArgs(io, 'import', usage, argv, { 'with-evidence': { type: 'string' } }, { min: 1, max: 1 });
  if (typeof parsed === 'number') return parsed;
  const [path] = parsed.positionals;
  return withLedger(io, 'import', async ({ store, pool, config }) => {
    if (config.eventStore.kind !== 'postgres') throw new CliFailure('import restores into the PostgreSQL store only (EVENT_STORE=postgres)', EXIT_USAGE);
    const head = await store.head();
    if (head.position > 0) throw new CliFailure(new LedgerNotEmptyError(head.position).message, EXIT_BAD_INPUT);

    const started = performance.now();
    const progress = progressBar(io, 'import: checking');
    let check;
    try {
      check = await checkImportFile(path, (bytes, total) => progress.update(bytes, total));
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if (e.code === undefined) throw error;
      await write(io.stderr, `import: cannot read ${path}: ${e.message}\n`);
      return EXIT_USAGE;
    }
    progress.finish();
    if (check.problems.length > 0) {
      const lines = check.problems.map((p) => `line ${p.lineNumber}: ${p.field}: ${p.reason}\n`);
      if (check.problems.length >= MAX_REPORTED_PROBLEMS) lines.push(`… stopped after ${MAX_REPORTED_PROBLEMS} problems\n`);
      await write(io.stderr, `import: ${path} refused, nothing stored:\n${lines.join('')}`);
      return EXIT_BAD_INPUT;
    }
    const evidence = await checkImportEvidence(io, path, parsed.values['with-evidence']);
    if (evidence === null) return EXIT_BAD_INPUT;
    const checked = performance.now();
    try {
      if (evidence.entries.length > 0) await importEvidence(new PostgresEvidenceStorage(pool), evidence.dir, evidence.entries);
      // Storing 300k events takes longer than checking them: progress on stderr, counted in events stored.
      const storing = progressBar(io, 'import: storing');
      const result = await importIntoEmptyLedger(pool, batchesOf(path, check.digest, (stored) => storing.update(stored, check.events)));
      storing.update(result.events, check.events);
      storing.finish();
      const seconds = (performance.now() - started) / 1000;
      await write(
        io.stdout,
        `imported ${result.events} events in ${result.streams} streams, head at position ${result.head.position} ` +
          `(${seconds.toFixed(2)} s: checked in ${((checked - started) / 1000).toFixed(2)} s, ${Math.round(result.events / Math.max(seconds, 0.001))} events/s)\n`,
      );
      return EXIT_OK;
    } catch (error) {
      if (error instanceof LedgerNotEmptyError || error instanceof ImportRefusedError) throw new CliFailure(`${error.message}; nothing stored`, EXIT_BAD_INPUT);
      throw error;
    }
  });
}

/** The evidence directory checked and every file reference resolved; null (reported) when anything is wrong. */
async function checkImportEvidence(io: CliIo, path: string, dir: string | undefined): Promise<{ dir: string; entries: ManifestEntry[] } | null> {
  let entries: ManifestEntry[] = [];
  const problems: string[] = [];
  if (dir !== undefined) {
    try {
      const check = await checkEvidenceDir(dir);
      entries = check.entries;
      problems.push(...check.problems);
    } catch (error) {
      problems.push(`--with-evidence: cannot read ${dir}: ${(error as Error).message}`);
    }
  }
  const references = await checkFileReferences(path, new Set(entries.map((e) => e.sha256)));
  if (dir === undefined && references.references > 0) {
    problems.push(`--with-evidence: the export references ${references.references} uploaded file(s); give the directory \`ledger export --with-evidence DIR\` wrote`);
  } else problems.push(...references.problems.slice(0, MAX_REPORTED_PROBLEMS));
  if (problems.length === 0) return { dir: dir ?? '', entries };
  await write(io.stderr, `import: ${path} refused, nothing stored:\n${problems.map((p) => `${p}\n`).join('')}`);
  return null;
}

export const command: CliCommand = { name: 'import', summary: 'restore an export into an empty ledger, checking every hash first', usage, run };
