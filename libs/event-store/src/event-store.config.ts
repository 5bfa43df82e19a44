// Which event store the app runs on, from the environment. Pure, so every bad setting is tested; the app calls it at
// start-up and a thrown Error (naming the setting) stops the process before anything is served.
import { ACCEPTED_SCHEMES, isEventStoreConnectionString } from './eventstoredb/connection-string.js';

export type EventStoreConfig = { kind: 'postgres' } | { kind: 'eventstoredb'; connectionString: string };

const KINDS = ['postgres', 'eventstoredb'] as const;

export function resolveEventStoreConfig(env: Record<string, string | undefined>): EventStoreConfig {
  // Unset or empty means the default store: PostgreSQL (embedded when DATABASE_URL is unset).
  const kind = env.EVENT_STORE?.trim() || 'postgres';
  if (kind === 'postgres') return { kind };
  if (kind !== 'eventstoredb') {
    throw new Error(`EVENT_STORE must be one of ${KINDS.join(', ')}; got ${JSON.stringify(env.EVENT_STORE)}`);
  }
  const connectionString = env.EVENTSTORE_CONNECTION_STRING?.trim();
  if (!connectionString) {
    throw new Error('EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=eventstoredb (e.g. esdb://localhost:2113?tls=false)');
  }
  if (!isEventStoreConnectionString(connectionString)) {
    // The value itself is not echoed: a connection string may carry a password.
    throw new Error(`EVENTSTORE_CONNECTION_STRING must start with ${ACCEPTED_SCHEMES.join(', ')}`);
  }
  return { kind, connectionString };
}
