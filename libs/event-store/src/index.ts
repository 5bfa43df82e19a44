// The event-store library: the port, its typed errors, the PostgreSQL adapter and the contract suite every adapter
// passes. (The contract only touches Jest's globals when called, so importing this index outside Jest is safe.)
export * from './event-store.port.js';
export * from './event-store.errors.js';
export { PostgresEventStore, LEDGER_EVENTS_CHANNEL, type PostgresEventStoreOptions } from './postgres/postgres-event-store.js';
export { describeEventStoreContract, contractEvent, type ContractSubject } from './event-store.contract.js';
