import fc from 'fast-check';
import { formatInstant, formatLocalDate, parseInstant } from './instant.js';

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

  it('formats in the rulebook offset with milliseconds', () => {
    expect(formatInstant(parseInstant('2017-12-31T15:59:59.999Z'), 480)).toBe('2017-12-31T23:59:59.999+08:00');
    expect(formatInstant(parseInstant('2018-01-04T16:00:00Z'), 480)).toBe('2018-01-05T00:00:00.000+08:00');
    expect(formatLocalDate(parseInstant('2017-07-31T16:00:00Z'), 480)).toBe('2017-08-01');
  });

  it('round-trips against Date for any millisecond (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.integer({ min: -14 * 60, max: 14 * 60 }), (ms, offset) => {
        expect(parseInstant(formatInstant(ms, offset))).toBe(ms);
        expect(parseInstant(new Date(ms).toISOString())).toBe(ms);
      }),
    );
  });
});
