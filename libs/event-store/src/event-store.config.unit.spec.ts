import { resolveEventStoreConfig } from './event-store.config.js';

describe('resolveEventStoreConfig', () => {
  it('defaults to PostgreSQL when EVENT_STORE is unset or empty', () => {
    expect(resolveEventStoreConfig({})).toEqual({ kind: 'postgres' });
    expect(resolveEventStoreConfig({ EVENT_STORE: '' })).toEqual({ kind: 'postgres' });
    expect(resolveEventStoreConfig({ EVENT_STORE: 'postgres', EVENTSTORE_CONNECTION_STRING: 'whatever' })).toEqual({ kind: 'postgres' });
  });

  it('takes EventStoreDB with its connection string', () => {
    for (const connectionString of [
      'esdb://localhost:2113?tls=false',
      'esdb+discover://cluster.example:2113',
      'kurrentdb://admin:changeit@localhost:2113',
      'kurrentdb+discover://cluster.example:2113',
    ]) {
      expect(resolveEventStoreConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: connectionString })).toEqual({
        kind: 'eventstoredb',
        connectionString,
      });
    }
  });

  it('names EVENT_STORE when it is neither store', () => {
    expect(() => resolveEventStoreConfig({ EVENT_STORE: 'mongo' })).toThrow(/EVENT_STORE must be one of postgres, eventstoredb; got "mongo"/);
    expect(() => resolveEventStoreConfig({ EVENT_STORE: 'EventStoreDB' })).toThrow(/EVENT_STORE/);
  });

  it('names EVENTSTORE_CONNECTION_STRING when it is missing', () => {
    expect(() => resolveEventStoreConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_CONNECTION_STRING is required/);
    expect(() => resolveEventStoreConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: '  ' })).toThrow(
      /EVENTSTORE_CONNECTION_STRING is required/,
    );
  });

  it('names EVENTSTORE_CONNECTION_STRING when its scheme is wrong, without echoing it', () => {
    const attempt = () =>
      resolveEventStoreConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'https://admin:secret@localhost:2113' });
    expect(attempt).toThrow(/EVENTSTORE_CONNECTION_STRING must start with esdb:\/\/, esdb\+discover:\/\/, kurrentdb:\/\//);
    expect(attempt).not.toThrow(/secret/);
  });
});
