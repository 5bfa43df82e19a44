import { UnavailableError, WrongExpectedVersionError } from '@eventstore/db-client';
import { ConcurrencyError } from '../event-store.errors.js';
import { mapClientError } from './error-mapping.js';
import { StoreUnavailableError } from './eventstoredb.errors.js';

describe('error mapping', () => {
  it('turns a wrong expected version into ConcurrencyError with what was expected and what is there', () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 'unit-a', expected: 3n, current: 5n });
    const mapped = mapClientError(error);
    expect(mapped).toBeInstanceOf(ConcurrencyError);
    expect(mapped).toMatchObject({ streamId: 'unit-a', expected: 3, actual: 5 });
  });

  it("reports the caller's expectation, not the revision the adapter appended after", () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 'unit-a', expected: 3n, current: 4n });
    expect(mapClientError(error, { expected: 'any' })).toMatchObject({ expected: 'any', actual: 4 });
    const missing = new WrongExpectedVersionError(undefined, { streamName: 'unit-b', expected: 0n, current: 'no_stream' });
    expect(mapClientError(missing)).toMatchObject({ expected: 0, actual: 'no_stream' });
  });

  it('turns an unreachable server into StoreUnavailableError, whichever way the client reports it', () => {
    const bareGrpc = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 });
    for (const error of [bareGrpc, new UnavailableError(), Object.assign(new Error('deadline'), { code: 4 })]) {
      const mapped = mapClientError(error);
      expect(mapped).toBeInstanceOf(StoreUnavailableError);
      expect((mapped as StoreUnavailableError).cause).toBe(error);
    }
  });

  it('passes anything else through unchanged', () => {
    const other = new Error('access denied');
    expect(mapClientError(other)).toBe(other);
    expect(mapClientError('text')).toBe('text');
  });
});
