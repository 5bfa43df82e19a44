// `ledger rebuild [--projection NAME]…`: empties read models and replays the whole log into them, with a progress
// bar on stderr. Run it while the API is stopped: its projector would otherwise write into the same tables.
import { ALL_PROJECTIONS, rebuildProjections } from '../../../projections/index.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_OK, write, type CliCommand, type CliIo } from '../cli-command.js';
import { withLedger } from '../cli-context.js';
import { progressBar } from '../progress.js';
import { rebuildTreeCommand } from '../integrity/rebuild-tree.js';

const names = ALL_PROJECTIONS.map((p) => p.name);

const usage = `Usage: ledger rebuild [--projection NAME]… | --tree

Rebuilds read models from position 1: empties them and their checkpoints, then replays every event.
Stop the API first (its projector follows the same tables).

Options:
  --projection NAME   only this read model (repeatable); one of: ${names.join(', ')} (default: all)
  --tree              instead: the Merkle tree of the log (integrity.md), as the database owner (login role)
  -h, --help          this text
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = await parseCommandArgs(io, 'rebuild', usage, argv, { projection: { type: 'string', multiple: true }, tree: { type: 'boolean' } });
  if (typeof parsed !== 'number' && parsed.values.tree) return rebuildTreeCommand(io);
  if (typeof parsed === 'number') return parsed;
  const chosen = parsed.values.projection;
  const unknown = (chosen ?? []).filter((n) => !names.includes(n));
  if (unknown.length > 0) {
    await write(io.stderr, `rebuild: unknown projection ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${names.join(', ')}\n`);
    return 2;
  }
  return withLedger(io, 'rebuild', async ({ store, pool }) => {
    const progress = progressBar(io, 'rebuild');
    const report = await rebuildProjections(
      { store, pool, projections: ALL_PROJECTIONS },
      { ...(chosen ? { names: chosen } : {}), onProgress: (done, total) => progress.update(done, total) },
    );
    progress.finish();
    await write(io.stdout, `rebuilt ${report.projections.join(', ')} from ${report.events} events (to position ${report.position}) in ${(report.millis / 1000).toFixed(2)} s\n`);
    return EXIT_OK;
  });
}

export const command: CliCommand = { name: 'rebuild', summary: 'rebuild read models from zero (progress on stderr)', usage, run };
