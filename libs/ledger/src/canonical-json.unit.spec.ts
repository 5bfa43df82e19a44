import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, utcMillis } from './canonical-json.js';
import { canonicalEvent } from './hash-chain.js';

// The plain definition, as first written (commit 850ce5f). The hash contract (spec/events.md §4) depends on every
// byte of canonicalJson, so the faster implementation must print exactly what this prints, quirks included.
function plainCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonical JSON has no NaN or Infinity');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(plainCanonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${plainCanonicalJson(v)}`).join(',')}}`;
}

function plainUtcMillis(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${instant}`);
  return new Date(ms).toISOString();
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('canonicalJson', () => {
  it('prints exactly what the plain definition prints, on hand-picked inputs', () => {
    const cases: unknown[] = [
      null,
      true,
      0,
      -0,
      -12.5,
      1e21,
      2 ** 53 + 2,
      5e-324,
      '',
      'plain',
      '引号 "quoted" \\ back\nslash\t\u0000\u001f\u2028\u2029 😀 \ud800',
      [],
      {},
      [1, 'a', null, [2, [3, {}]], { b: 1, a: 2 }],
      { b: { d: [{ z: 1, y: 2 }], c: '3' }, a: [], ä: 1, Z: 2, '': 0, é: 'é', '\u{1F600}': 'astral', ﬀ: 'bmp' },
      { z: 1, y: undefined, x: [undefined, 1, undefined], w: () => 1 },
      [, 1, , 2], // eslint-disable-line no-sparse-arrays
      { '10': 'a', '9': 'b', '1': 'c', b: 'd', a: 'e' },
      { date: new Date(0), map: new Map([[1, 2]]), boxed: Object('ab') as unknown },
      {
        actor: { unitId: 'u', userId: 'v' },
        data: { unitId: 'haibin-street', indicator: '3.5', numerator: 3, denominator: 7, note: '' },
        evidence: [{ kind: 'url', ref: 'https://example.org/x?a=1&b=2' }],
      },
    ];
    for (const value of cases) expect(canonicalJson(value)).toBe(plainCanonicalJson(value));
  });

  it('prints exactly what the plain definition prints, on generated JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(plainCanonicalJson(value));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true, withSparseArray: true }), (value) => {
        let expected: string | Error;
        try {
          expected = plainCanonicalJson(value);
        } catch (error) {
          expected = error as Error;
        }
        if (expected instanceof Error) expect(() => canonicalJson(value)).toThrow();
        else expect(canonicalJson(value)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses NaN and Infinity at any depth, as before', () => {
    for (const value of [NaN, Infinity, { a: [1, -Infinity] }]) {
      expect(() => canonicalJson(value)).toThrow('canonical JSON has no NaN or Infinity');
      expect(() => plainCanonicalJson(value)).toThrow('canonical JSON has no NaN or Infinity');
    }
  });

  it('keeps the hash of a known event unchanged', () => {
    const event = {
      eventId: '00000000-0000-4000-8000-000000000001',
      type: 'SpotCheckRecorded',
      schemaVersion: 1,
      streamId: 'unit-haibin-street',
      streamRevision: 0,
      occurredAt: '2017-10-05T09:30:00+08:00',
      recordedAt: '2017-10-06T03:02:13.120Z',
      actor: { userId: 'inspector-07', unitId: 'admin-service-centre' },
      evidence: [{ ref: 'https://example.org/x', kind: 'url' as const }],
      data: { unitId: 'haibin-street', indicator: '3.5', outcome: 'fail', subject: '办件 1', note: '' },
    };
    const plain = plainCanonicalJson({ ...event, occurredAt: plainUtcMillis(event.occurredAt), recordedAt: plainUtcMillis(event.recordedAt) });
    expect(canonicalEvent(event)).toBe(plain);
    expect(sha256(canonicalEvent(event))).toBe(sha256(plain));
  });
});

describe('utcMillis', () => {
  it('gives what a fresh Date parse gives, also when asked again (remembered)', () => {
    const instants = [
      '2017-10-05T09:30:00+08:00',
      '2017-10-05T01:30:00.000Z',
      '2017-10-05T01:30:00.1234Z',
      '2017-12-31T23:59:59.999-0530',
      '2017-10-05',
      '2017-10-05T09:30:00',
      'Thu, 05 Oct 2017 09:30:00 GMT',
    ];
    for (let round = 0; round < 2; round += 1) {
      for (const instant of instants) expect(utcMillis(instant)).toBe(plainUtcMillis(instant));
    }
    expect(() => utcMillis('not a date')).toThrow('not an instant: not a date');
  });
});
