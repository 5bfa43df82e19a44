// KurrentDB (EventStoreDB's new name from 25.0) documents kurrentdb:// connection strings; the 6.x client only
// parses esdb://. The two differ only in the scheme, so the adapter accepts both and hands the client its own.
// No scheme is a prefix of another ("esdb+discover://" does not start with "esdb://"), so the order is for messages.
const SCHEMES: ReadonlyArray<[string, string]> = [
  ['esdb://', 'esdb://'],
  ['esdb+discover://', 'esdb+discover://'],
  ['kurrentdb://', 'esdb://'],
  ['kurrentdb+discover://', 'esdb+discover://'],
];

export const ACCEPTED_SCHEMES = SCHEMES.map(([accepted]) => accepted);

export function isEventStoreConnectionString(value: string): boolean {
  return SCHEMES.some(([accepted]) => value.toLowerCase().startsWith(accepted));
}

export function toClientConnectionString(value: string): string {
  for (const [accepted, client] of SCHEMES) {
    if (value.toLowerCase().startsWith(accepted)) return client + value.slice(accepted.length);
  }
  throw new Error(`EVENTSTORE_CONNECTION_STRING must start with ${ACCEPTED_SCHEMES.join(', ')}`);
}
