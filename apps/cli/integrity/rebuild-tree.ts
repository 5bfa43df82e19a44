// `ledger rebuild --tree`: the Merkle tree again from the events' stored hashes, as the owner of its tables.
import { postgresLeaves, storeLeaves } from '../../../libs/integrity/src/postgres/merkle-tree.store.js';
import { rebuildTree } from '../../../libs/integrity/src/postgres/rebuild-tree.js';
import { createPool } from '../../../libs/persistence/src/pool.js';
import { EXIT_OK, write, type CliIo } from '../cli-command.js';
import { withLedger } from '../cli-context.js';

export function rebuildTreeCommand(io: CliIo): Promise<number> {
  return withLedger(io, 'rebuild', async ({ server, store }) => {
    const owner = createPool(server.url, { appRole: null, max: 1, applicationName: 'ledger rebuild --tree' });
    try {
      const gapFree = store.positionsAreGapFree !== false;
      const report = await rebuildTree(owner, gapFree ? postgresLeaves : storeLeaves(store), { gapFree });
      const rate = report.millis > 0 ? Math.round((report.size * 1000) / report.millis) : report.size;
      await write(io.stdout, `rebuilt the Merkle tree of ${report.size} entries in ${(report.millis / 1000).toFixed(2)} s (${rate} events/s)\n`);
      return EXIT_OK;
    } finally {
      await owner.end();
    }
  });
}
