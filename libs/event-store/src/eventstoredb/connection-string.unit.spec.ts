import { isEventStoreConnectionString, toClientConnectionString } from './connection-string.js';

describe('connection strings', () => {
  it('hands the 6.x client its own esdb schemes for kurrentdb ones', () => {
    expect(toClientConnectionString('kurrentdb://localhost:2113?tls=false')).toBe('esdb://localhost:2113?tls=false');
    expect(toClientConnectionString('kurrentdb+discover://a:2113,b:2113')).toBe('esdb+discover://a:2113,b:2113');
    expect(toClientConnectionString('esdb://localhost:2113?tls=false')).toBe('esdb://localhost:2113?tls=false');
    expect(toClientConnectionString('esdb+discover://cluster:2113')).toBe('esdb+discover://cluster:2113');
  });

  it('knows the accepted schemes and refuses others', () => {
    expect(isEventStoreConnectionString('ESDB://localhost:2113')).toBe(true);
    expect(isEventStoreConnectionString('tcp://localhost:1113')).toBe(false);
    expect(() => toClientConnectionString('http://localhost:2113')).toThrow(/EVENTSTORE_CONNECTION_STRING must start with/);
  });
});
