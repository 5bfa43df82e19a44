import { ConfigError, loadConfig } from './app.config.js';

describe('loadConfig', () => {
  it('has defaults that run on a fresh machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './.data', EVENT_STORE: 'postgres', DATABASE_URL: undefined });
  });

  it('names every bad setting', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', EVENT_STORE: 'kafka' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', EVENT_STORE: 'kafka' });
    } catch (e) {
      const message = (e as Error).message;
      expect(message).toContain('PORT must be an integer');
      expect(message).toContain('DATABASE_URL must be a postgres:// connection string');
      expect(message).toContain('EVENT_STORE must be one of postgres, eventstoredb');
    }
  });

  it('refuses EventStoreDB without its connection string, naming the missing setting', () => {
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_CONNECTION_STRING is required/);
    expect(loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' }).eventStore).toEqual({
      kind: 'eventstoredb',
      connectionString: 'esdb://localhost:2113?tls=false',
    });
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'http://x' })).toThrow(/EVENTSTORE_CONNECTION_STRING must start with/);
  });
});
