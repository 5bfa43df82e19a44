// The configured event store. Read models, checkpoints and API keys live in PostgreSQL whichever store holds the
// events, so the pool is needed either way.
import type pg from 'pg';
import type { EventStoreConfig } from '../../../libs/event-store/src/event-store.config.js';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import { EventStoreDbEventStore } from '../../../libs/event-store/src/eventstoredb/eventstoredb-event-store.js';
import { PostgresEventStore } from '../../../libs/event-store/src/postgres/postgres-event-store.js';

export function createEventStore(config: EventStoreConfig, pool: pg.Pool, options: { listen?: boolean } = {}): EventStore {
  return config.kind === 'eventstoredb'
    ? new EventStoreDbEventStore({ connectionString: config.connectionString })
    : new PostgresEventStore(pool, options.listen === false ? { listen: false } : {});
}
