// One timed rebuild of the read models from empty, meant to run in a fresh process so its peak RSS is the rebuild's
// own: test/bench/rebuild.ts (--rebuild-only) and test/bench/rebuild.bench.ts (--child) both run it.
import { PostgresEventStore } from '../../../libs/event-store/src/postgres/postgres-event-store.js';
import { LEDGER_APP_ROLE } from '../../../libs/persistence/src/migrations/index.js';
import { createPool } from '../../../libs/persistence/src/pool.js';
import { ALL_PROJECTIONS, rebuildProjections } from '../../../projections/index.js';

export interface TimedRebuild {
  projections: string[];
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** process.resourceUsage().maxRSS of this process, in KiB. */
  peakRssKb: number;
}

export async function timedRebuild(url: string, options: { names?: string[]; onProgress?: (done: number, total: number) => void } = {}): Promise<TimedRebuild> {
  const pool = createPool(url, { appRole: LEDGER_APP_ROLE, max: 8 });
  const store = new PostgresEventStore(pool, { listen: false });
  try {
    const report = await rebuildProjections({ store, pool, projections: ALL_PROJECTIONS }, { batchSize: 5000, names: options.names, onProgress: options.onProgress });
    const seconds = report.millis / 1000;
    return {
      projections: report.projections,
      events: report.events,
      seconds,
      eventsPerSecond: Math.round(report.events / seconds),
      peakRssKb: process.resourceUsage().maxRSS,
    };
  } finally {
    await store.close();
    await pool.end();
  }
}
