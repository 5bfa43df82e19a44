// The shared contract against a real EventStoreDB, when one is configured. None can run in CI here (no Docker
// engine), so without EVENTSTORE_CONNECTION_STRING the file reports one skipped test that says how to run it.
// Each run uses a fresh server or an empty one: the contract expects "an empty ledger", and EventStoreDB keeps
// everything (start it with EVENTSTORE_MEM_DB=true, or `docker compose down -v` between runs).
import { describeEventStoreContract, type ContractSubject } from '../event-store.contract.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const HOW_TO_RUN =
  'EventStoreDB contract: set EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false to run (docker compose up -d eventstoredb)';

if (connectionString) {
  describeEventStoreContract('EventStoreDB', async () => {
    const store = new EventStoreDbEventStore({ connectionString });
    const subject: ContractSubject = {
      store,
      // No tamper: EventStoreDB cannot alter a stored event in place (only delete, truncate or scavenge streams).
      // No transaction across streams (docs/eventstoredb.md); its positions have gaps (store.positionsAreGapFree).
      capabilities: { multiStreamAppend: false },
      teardown: () => store.close(),
    };
    return subject;
  });
} else {
  process.stdout.write(`\n[skip] ${HOW_TO_RUN}\n`);
  it.skip(HOW_TO_RUN, () => undefined);
}
