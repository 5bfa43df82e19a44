// The configured event store. Read models, checkpoints and API keys live in PostgreSQL whichever store holds the
// events, so the pool is needed either way. The EventStoreDB client (gRPC) is loaded only when it is configured:
// it is a third of a short CLI command's start-up otherwise.
import type pg from 'pg';
import type { EventStoreConfig } from '../../event-store/src/event-store.config.js';
import type { EventStore } from '../../event-store/src/event-store.port.js';
import { PostgresEventStore } from '../../event-store/src/postgres/postgres-event-store.js';

export async function createEventStore(config: EventStoreConfig, pool: pg.Pool, options: { listen?: boolean } = {}): Promise<EventStore> {
  if (config.kind === 'eventstoredb') {
    const { EventStoreDbEventStore } = await import('../../event-store/src/eventstoredb/eventstoredb-event-store.js');
    return new EventStoreDbEventStore({ connectionString: config.connectionString });
  }
  return new PostgresEventStore(pool, options.listen === false ? { listen: false } : {});
}
