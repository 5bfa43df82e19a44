// `ledger rebuild [--projection NAME]…`: empties read models and replays the whole log into them, with a progress
// bar on stderr. Run it while the API is stopped: its projector would otherwise write into the same tables.
import { ALL_PROJECTIONS, rebuildProjections } from '../../../projections/index.js';
import { parseCommandArgs } from '../args.js';
import { apiSessions } from '../api-sessions.js';
import { EXIT_BAD_INPUT, EXIT_OK, write, type CliCommand, type CliIo } from '../cli-command.js';
import { withLedger } from '../cli-context.js';
import { progressBar } from '../progress.js';
import { rebuildTreeCommand } from '../integrity/rebuild-tree.js';

const names = ALL_PROJECTIONS.map((p) => p.name);

const usage = `Usage: ledger rebuild [--projection NAME]… | --tree

Rebuilds read models from position 1: empties them and their checkpoints, then replays every event.
Refused while an API process is connected to the same database (its projector follows the same tables): stop it
first, or pass --force.

Options:
  --projection NAME   only this read model (repeatable); one of: ${names.join(', ')} (default: all)
  --tree              instead: the Merkle tree of the log (integrity.md), as the database owner (login role)
  --force             rebuild even while an API is connected
  -h, --help          this text

Exit status: 0 rebuilt; 1 an API is connected (without --force); 2 bad usage or no database.
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = await parseCommandArgs(io, 'rebuild', usage, argv, { projection: { type: 'string', multiple: true }, tree: { type: 'boolean' }, force: { type: 'boolean' } });
  if (typeof parsed !== 'number' && parsed.values.tree) return rebuildTreeCommand(io);
  if (typeof parsed === 'number') return parsed;
  const chosen = parsed.values.projection;
  const unknown = (chosen ?? []).filter((n) => !names.includes(n));
  if (unknown.length > 0) {
    await write(io.stderr, `rebuild: unknown projection ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${names.join(', ')}\n`);
    return 2;
  }
  return withLedger(io, 'rebuild', async ({ store, pool, server }) => {
    const api = await apiSessions(server.url);
    if (api.length > 0 && parsed.values.force !== true) {
      await write(io.stderr, `rebuild: an API process is connected to this ledger (${api.length} connection(s), server pids ${api.join(', ')}); stop it first, or pass --force\n`);
      return EXIT_BAD_INPUT;
    }
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
