// `ledger demo`: seeds the synthetic Licheng district through the API's own command path: the Nest application
// boots, and every step is an AppendEventsCommand on its CommandBus with the recording unit as the actor, decided
// and stored exactly as POST /v1/events would. Ids are fixed, so a second run is a retry that stores nothing.
// Ends with ResultsPublished (pinning the head and the scores' digest) and a fresh gov-office API key.
import { CommandBus } from '@nestjs/cqrs';
import { ApiKeysRepository } from '../../api/auth/api-keys.repository.js';
import { AppendEventsCommand } from '../../api/events/append-events.command.js';
import { AppendRefusedError } from '../../api/events/append-refused.error.js';
import { RULEBOOK } from '../../api/infrastructure/tokens.js';
import { PublishResultsCommand } from '../../api/results/publish-results.command.js';
import { assessmentStreamId } from '../../../libs/ledger/src/stream-ids.js';
import type { Rulebook } from '../../../libs/rulebook/src/index.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_BAD_INPUT, EXIT_OK, write, type CliCommand, type CliIo } from '../cli-command.js';
import { withLedgerApp } from '../cli-context.js';
import { ASSESSMENT_ID, DEMO_ACTORS, REGISTERED_UNITS, lichengDistrict } from '../demo/licheng-district.scenario.js';

const usage = `Usage: ledger demo

Seeds the configured ledger with a synthetic Licheng district (鲤城区): the assessment ${ASSESSMENT_ID}, the hi-tech
zone, 8 streets and 4 departments, a year of findings by the five lead units (tasks, list batches, measured rates,
spot checks, outages, criteria, a front-end fault, a not-applicable record), self-assessments, two disputes (one
overturned, one upheld), a retraction, and published results. Every event goes through the same command path as
POST /v1/events. Ids are fixed: running it again stores nothing new.
Prints a summary and, on the last line, a new API key of gov-office for trying the HTTP API.

Options:
  -h, --help   this text
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = await parseCommandArgs(io, 'demo', usage, argv, {});
  if (typeof parsed === 'number') return parsed;
  return withLedgerApp(io, 'demo', async ({ app, store }) => {
    const commands = app.get(CommandBus);
    const rulebook = app.get<Rulebook>(RULEBOOK);
    const before = (await store.head()).position;
    let appended = 0;
    let publishedAt: number;
    try {
      for (const step of lichengDistrict(rulebook)) {
        const stored = await commands.execute(new AppendEventsCommand(step.actor, step.events));
        // A retry answers with what was stored the first time: only positions past the start are new.
        appended += stored.filter((e) => e.position > before).length;
      }
      // Published once: the publish path gives each publication a new id, so a second run looks for the first.
      const published = (await store.readStream(assessmentStreamId(ASSESSMENT_ID))).find((e) => e.type === 'ResultsPublished');
      if (published !== undefined) {
        publishedAt = published.position;
      } else {
        // The path of POST /v1/results: pins the head, scores every unit up to it, appends ResultsPublished.
        const knownAt = io.now().toISOString();
        publishedAt = (await commands.execute(new PublishResultsCommand(DEMO_ACTORS.gov, ASSESSMENT_ID, undefined, knownAt, knownAt))).position;
        appended += 1;
      }
    } catch (error) {
      if (!(error instanceof AppendRefusedError)) throw error;
      await write(io.stderr, `demo: refused (${error.kind}):\n${error.problems.map((p) => `  ${p}\n`).join('')}`);
      return EXIT_BAD_INPUT;
    }

    const head = await store.head();
    const units = REGISTERED_UNITS.length + rulebook.leadUnits.length;
    const key = await app.get(ApiKeysRepository).issue(DEMO_ACTORS.gov.unitId, 'demo');
    await write(
      io.stdout,
      [
        `Licheng district (鲤城区), assessment ${ASSESSMENT_ID}: ${units} units (${REGISTERED_UNITS.length} registered + ${rulebook.leadUnits.length} lead units)`,
        appended === 0 ? 'nothing new: the demo was seeded before; 0 events appended' : `${appended} events appended`,
        `head at position ${head.position} (${head.hash}); results published at position ${publishedAt}`,
        '',
        'Try it (npm start in another terminal):',
        `  curl -H "Authorization: Bearer ${key.key}" 'localhost:3000/v1/scores?unitId=haibin-street'`,
        `API key of gov-office (key id ${key.keyId}), shown only now:`,
        key.key,
        '',
      ].join('\n'),
    );
    return EXIT_OK;
  });
}

export const command: CliCommand = { name: 'demo', summary: 'seed a realistic synthetic Licheng district ledger through the API command path (idempotent)', usage, run };
