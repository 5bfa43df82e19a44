// `ledger demo`: seeds an empty ledger with the synthetic Licheng district as a real 2017 ledger: every event
// decided by the same `decide` as an append, with the time it would have been recorded in 2017, chained, checked
// as `ledger import` checks an export, and imported (demo/demo-ledger.ts). Event ids are random v4, drawn anew each
// run; a second run recognises the demo by its first event (content and 2017 recording time) and stores nothing. Ends with a fresh gov-office API key on the last line.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tryParseInstant, type StoredEvent } from '../../../events/index.js';
import { importIntoEmptyLedger } from '../../../libs/event-store/src/postgres/import-events.js';
import { getRulebook } from '../../../libs/rulebook/src/index.js';
import { ApiKeysRepository } from '../../../libs/application/src/api-keys.repository.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, write, type CliCommand, type CliIo } from '../cli-command.js';
import { CliFailure, withLedger } from '../cli-context.js';
import { buildDemoLedger, DEMO_PUBLISHED_AT, DemoRefusedError } from '../demo/demo-ledger.js';
import { ASSESSMENT_ID, REGISTERED_UNITS } from '../demo/licheng-district.scenario.js';
import { formatExportLine } from '../export-line.js';
import { canonicalJson } from '../../../libs/ledger/src/index.js';
import { checkImportFile } from '../import-file.check.js';
import { progressBar } from '../progress.js';

const usage = `Usage: ledger demo

Seeds an EMPTY ledger with a synthetic Licheng district (鲤城区) as it would have been recorded in 2017: the
assessment ${ASSESSMENT_ID}, the hi-tech zone, 8 streets and 4 departments, a year of findings by the five lead units
(tasks, list batches, measured rates, spot checks, outages, criteria, a front-end fault, a not-applicable record),
self-assessments, two disputes (one overturned, one upheld), a retraction, and the results published on
${DEMO_PUBLISHED_AT.slice(0, 10)}. Every event is decided by the same rules as POST /v1/events, recorded a few hours
after it occurred, and imported through the checks of \`ledger import\`: "as known at" questions about 2017 answer
as they would have then. Running it again finds the demo there and stores nothing new.
Prints a summary and, on the last line, a new API key of gov-office for trying the HTTP API.

Options:
  -h, --help   this text

Exit status: 0 seeded (or already seeded); 1 the ledger holds other events; 2 bad usage or no database.
`;

const BATCH = 5000;

async function* inBatches(events: StoredEvent[]): AsyncGenerator<StoredEvent[]> {
  for (let i = 0; i < events.length; i += BATCH) yield events.slice(i, i + BATCH);
}

async function seed(io: CliIo, pool: Parameters<typeof importIntoEmptyLedger>[0], events: StoredEvent[]): Promise<void> {
  // The checks of `ledger import`, on the file it would read: shape, decide in file order, every hash.
  const file = join(mkdtempSync(join(tmpdir(), 'ledger-demo-')), 'licheng-2017.ndjson');
  writeFileSync(file, `${events.map(formatExportLine).join('\n')}\n`);
  const progress = progressBar(io, 'demo: checking');
  const check = await checkImportFile(file, (done, total) => progress.update(done, total));
  progress.finish();
  if (check.problems.length > 0) {
    throw new CliFailure(`the generated ledger fails the import checks:\n${check.problems.map((p) => `  line ${p.lineNumber}: ${p.field}: ${p.reason}`).join('\n')}`, EXIT_BAD_INPUT);
  }
  await importIntoEmptyLedger(pool, inBatches(events));
}

/** The same fact recorded the same way — all but the (random) event id and the hashes that cover it. */
function sameFact(stored: StoredEvent | undefined, planned: StoredEvent): boolean {
  if (!stored) return false;
  const fact = ({ type, schemaVersion, streamId, occurredAt, recordedAt, actor, evidence, data }: StoredEvent) =>
    canonicalJson([type, schemaVersion, streamId, tryParseInstant(occurredAt), tryParseInstant(recordedAt), actor.unitId, actor.userId, evidence, data]);
  return fact(stored) === fact(planned);
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = await parseCommandArgs(io, 'demo', usage, argv, {});
  if (typeof parsed === 'number') return parsed;
  const rulebook = getRulebook('lc-2017');
  let events: StoredEvent[];
  try {
    events = buildDemoLedger(rulebook);
  } catch (error) {
    if (!(error instanceof DemoRefusedError)) throw error;
    await write(io.stderr, `demo: the scenario is refused by the rules: ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  const published = events[events.length - 1];
  return withLedger(io, 'demo', async ({ config, pool, store }) => {
    if (config.eventStore.kind !== 'postgres') throw new CliFailure('demo seeds the PostgreSQL store only (EVENT_STORE=postgres)', EXIT_USAGE);
    const before = await store.head();
    let appended = 0;
    if (before.position === 0) {
      await seed(io, pool, events);
      appended = events.length;
    } else {
      const [first] = await store.readAll({ after: 0, limit: 1 });
      if (!sameFact(first, events[0])) {
        throw new CliFailure(
          `the ledger already holds ${before.position} events that are not the demo; the demo seeds an empty ledger (set DATA_DIR or DATABASE_URL to another one)`,
          EXIT_BAD_INPUT,
        );
      }
    }
    const head = await store.head();
    const units = REGISTERED_UNITS.length + rulebook.leadUnits.length;
    const key = await new ApiKeysRepository(pool).issue(rulebook.governmentOffice, 'demo');
    const base = `localhost:${config.PORT}`;
    await write(
      io.stdout,
      [
        `Licheng district (鲤城区), assessment ${ASSESSMENT_ID}: ${units} units (${REGISTERED_UNITS.length} registered + ${rulebook.leadUnits.length} lead units)`,
        appended === 0 ? 'nothing new: the demo was seeded before; 0 events appended' : `${appended} events appended, recorded ${events[0].recordedAt.slice(0, 10)} … ${published.recordedAt.slice(0, 10)}`,
        `head at position ${head.position} (${head.hash}); results published at position ${published.position}`,
        '',
        'Try it (npm start in another terminal):',
        `  curl -H "Authorization: Bearer ${key.key}" '${base}/v1/scores?unitId=haibin-street&asOf=2017-11-30T23:59:59%2B08:00&knownAt=2017-12-01T00:00:00%2B08:00'`,
        `API key of gov-office (key id ${key.keyId}), shown only now:`,
        key.key,
        '',
      ].join('\n'),
    );
    return EXIT_OK;
  });
}

export const command: CliCommand = { name: 'demo', summary: 'seed an empty ledger with a synthetic Licheng district as recorded in 2017 (idempotent)', usage, run };
