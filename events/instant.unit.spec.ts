import fc from 'fast-check';
import { formatInstant, formatLocalDate, isInstant, parseInstant, tryParseInstant } from './instant.js';

describe('instants', () => {
  it('parses offsets into the same epoch milliseconds as the UTC form', () => {
    expect(parseInstant('2017-10-05T09:30:00+08:00')).toBe(parseInstant('2017-10-05T01:30:00Z'));
    expect(parseInstant('2017-10-05T01:30:00.000Z')).toBe(Date.UTC(2017, 9, 5, 1, 30));
    expect(parseInstant('2017-10-05T01:30Z')).toBe(Date.UTC(2017, 9, 5, 1, 30));
    expect(parseInstant('2016-12-31T20:00:00-05:00')).toBe(Date.UTC(2017, 0, 1, 1, 0));
  });

  it('truncates below the millisecond', () => {
    expect(parseInstant('2017-04-30T23:59:59.9999999+08:00')).toBe(parseInstant('2017-04-30T23:59:59.999+08:00'));
  });

  it('refuses instants without offset or with impossible fields', () => {
    for (const bad of ['2017-10-05T09:30:00', '2017-02-29T00:00:00Z', '2017-13-01T00:00:00Z', '2017-10-05T24:00:00Z', 'x']) {
      expect(() => parseInstant(bad)).toThrow(RangeError);
    }
  });

  // What Date.parse takes and the evaluator or PostgreSQL did not (issue 10): both paths, the fast and the general.
  it.each([
    '2017-06-30T24:00:00+08:00',
    '2017-06-30T24:00+08:00',
    '2017-02-30T10:00:00+08:00',
    '2017-02-30T10:00+08:00',
    '2017-06-31T10:00:00.000+08:00',
    '2017-06-30T10:00:00+16:00',
    '2017-06-30T10:00:00-14:01',
    '2017-06-30T10:00+14:30',
    '0000-01-01T00:00:00Z',
    '1999-12-31T23:59:59Z',
    '2101-01-01T00:00:00Z',
    '2017-06-30T10:00:60Z',
    '2017-06-30T10:00:00+08:60',
    '+002017-06-30T10:00:00Z',
    '2017-06-30 10:00:00Z',
  ])('refuses %s, and isInstant says no', (bad) => {
    expect(() => parseInstant(bad)).toThrow(RangeError);
    expect(isInstant(bad)).toBe(false);
    expect(tryParseInstant(bad)).toBeUndefined();
  });

  it('takes the edges: ±14:00, 29 February of a leap year, 23:59:59.999, years 2000 and 2100', () => {
    expect(parseInstant('2017-06-30T10:00:00+14:00')).toBe(Date.UTC(2017, 5, 29, 20));
    expect(parseInstant('2017-06-30T10:00-14:00')).toBe(Date.UTC(2017, 5, 1 + 29, 24));
    expect(parseInstant('2016-02-29T00:00:00Z')).toBe(Date.UTC(2016, 1, 29));
    expect(parseInstant('2017-12-31T23:59:59.999+08:00')).toBe(Date.UTC(2017, 11, 31, 15, 59, 59, 999));
    expect(isInstant('2000-01-01T00:00:00Z') && isInstant('2100-12-31T23:59:59Z')).toBe(true);
    expect(isInstant(20170630)).toBe(false);
    expect(isInstant(null)).toBe(false);
  });

  it('formats in the rulebook offset with milliseconds', () => {
    expect(formatInstant(parseInstant('2017-12-31T15:59:59.999Z'), 480)).toBe('2017-12-31T23:59:59.999+08:00');
    expect(formatInstant(parseInstant('2018-01-04T16:00:00Z'), 480)).toBe('2018-01-05T00:00:00.000+08:00');
    expect(formatLocalDate(parseInstant('2017-07-31T16:00:00Z'), 480)).toBe('2017-08-01');
  });

  it('round-trips against Date for any millisecond (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 2), max: Date.UTC(2100, 11, 30) }), fc.integer({ min: -14 * 60, max: 14 * 60 }), (ms, offset) => {
        expect(parseInstant(formatInstant(ms, offset))).toBe(ms);
        expect(parseInstant(new Date(ms).toISOString())).toBe(ms);
      }),
    );
  });
});
