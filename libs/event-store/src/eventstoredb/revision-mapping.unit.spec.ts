import {
  bigIntToRevision,
  commitPositionToNumber,
  fromClientCurrentRevision,
  fromClientExpectedRevision,
  numberToPosition,
  revisionToBigInt,
  toClientCurrentRevision,
  toClientExpectedRevision,
} from './revision-mapping.js';

describe('revision mapping', () => {
  it('maps expected revisions both ways', () => {
    expect(toClientExpectedRevision('any')).toBe('any');
    expect(toClientExpectedRevision('no_stream')).toBe('no_stream');
    expect(toClientExpectedRevision(0)).toBe(0n);
    expect(toClientExpectedRevision(41)).toBe(41n);
    for (const ours of ['any', 'no_stream', 0, 41] as const) expect(fromClientExpectedRevision(toClientExpectedRevision(ours))).toBe(ours);
    expect(() => fromClientExpectedRevision('stream_exists')).toThrow(RangeError);
  });

  it('maps current revisions both ways', () => {
    expect(fromClientCurrentRevision('no_stream')).toBe('no_stream');
    expect(fromClientCurrentRevision(7n)).toBe(7);
    expect(toClientCurrentRevision('no_stream')).toBe('no_stream');
    expect(toClientCurrentRevision(7)).toBe(7n);
  });

  it('refuses revisions a number cannot hold exactly', () => {
    expect(() => revisionToBigInt(-1)).toThrow(RangeError);
    expect(() => revisionToBigInt(1.5)).toThrow(RangeError);
    expect(() => bigIntToRevision(2n ** 53n)).toThrow(RangeError);
    expect(bigIntToRevision(2n ** 53n - 1n)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('reads commit positions as numbers, and no position as none', () => {
    expect(commitPositionToNumber({ commit: 1234n, prepare: 1234n })).toBe(1234);
    expect(commitPositionToNumber(undefined)).toBeUndefined();
    // What servers before 22.6 send on stream reads.
    expect(commitPositionToNumber({ commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n })).toBeUndefined();
  });

  it('turns a checkpoint into a $all position with equal commit and prepare', () => {
    expect(numberToPosition(1234)).toEqual({ commit: 1234n, prepare: 1234n });
    expect(() => numberToPosition(-1)).toThrow(RangeError);
  });
});
