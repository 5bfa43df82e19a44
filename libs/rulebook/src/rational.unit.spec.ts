import fc from 'fast-check';
import {
  add, clamp, compare, div, floor, ge, lt, max, min, mul, neg, parseRational, percent, rat, sub, toDecimalText,
  toOutputNumber, toRationalString, type Rational,
} from './rational.js';

const q = (text: string): Rational => parseRational(text);
const arbRational = fc
  .tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 6n }))
  .map(([n, d]) => rat(n, d));

describe('rational', () => {
  it('normalises sign and common factors', () => {
    expect(rat(6, -4)).toEqual({ n: -3n, d: 2n });
    expect(rat(0, 7)).toEqual({ n: 0n, d: 1n });
    expect(() => rat(1, 0)).toThrow(RangeError);
    expect(() => rat(0.5)).toThrow(RangeError);
  });

  it('parses integers, decimals and fractions', () => {
    expect(q('50/3')).toEqual({ n: 50n, d: 3n });
    expect(q('1/2')).toEqual({ n: 1n, d: 2n });
    expect(q('0.5')).toEqual({ n: 1n, d: 2n });
    expect(q('-2')).toEqual({ n: -2n, d: 1n });
    expect(q('94.999')).toEqual({ n: 94999n, d: 1000n });
    expect(() => q('1.5/2')).toThrow(SyntaxError);
    expect(() => q('abc')).toThrow(SyntaxError);
  });

  it('adds, subtracts, multiplies and divides exactly', () => {
    expect(toRationalString(sub(rat(50), q('50/3')))).toBe('100/3');
    expect(toRationalString(add(q('50/3'), q('50/3')))).toBe('100/3');
    expect(toRationalString(mul(q('1/5'), rat(65)))).toBe('13');
    expect(toRationalString(div(rat(1), rat(3)))).toBe('1/3');
    expect(() => div(rat(1), rat(0))).toThrow(RangeError);
    expect(toRationalString(add(add(q('1/10'), q('2/10')), neg(q('3/10'))))).toBe('0');
  });

  it('compares by cross-multiplication: 94.999…% is below 95', () => {
    expect(lt(percent(94999, 100000), rat(95))).toBe(true);
    expect(ge(percent(95, 100), rat(95))).toBe(true);
    expect(lt(percent(949_999_999, 1_000_000_000), rat(95))).toBe(true);
    expect(compare(q('1/3'), q('2/6'))).toBe(0);
    expect(min(q('1/3'), q('1/4'))).toEqual(q('1/4'));
    expect(max(q('1/3'), q('1/4'))).toEqual(q('1/3'));
    expect(clamp(rat(-3), rat(0), rat(10))).toEqual(rat(0));
  });

  it('floors towards minus infinity', () => {
    expect(floor(q('5/4'))).toBe(1n);
    expect(floor(q('-5/4'))).toBe(-2n);
    expect(floor(rat(-2))).toBe(-2n);
  });

  it('rounds half-up to 2 decimals only for output', () => {
    expect(toOutputNumber(q('100/3'))).toBe(33.33);
    expect(toOutputNumber(q('250/3'))).toBe(83.33);
    expect(toOutputNumber(q('-50/3'))).toBe(-16.67);
    expect(toOutputNumber(q('16.665'))).toBe(16.67);
    expect(toOutputNumber(q('-16.665'))).toBe(-16.67);
    expect(toOutputNumber(q('0.004'))).toBe(0);
    expect(Object.is(toOutputNumber(q('-0.004')), 0)).toBe(true);
    expect(JSON.stringify(toOutputNumber(q('583/6')))).toBe('97.17');
  });

  it('prints decimals for messages, marking inexact ones', () => {
    expect(toDecimalText(q('94.999'), 3)).toBe('94.999');
    expect(toDecimalText(q('949999/10000'), 3)).toBe('≈95');
    expect(toDecimalText(rat(65), 3)).toBe('65');
  });

  it('obeys the field laws (property)', () => {
    fc.assert(
      fc.property(arbRational, arbRational, arbRational, (a, b, c) => {
        expect(add(a, b)).toEqual(add(b, a));
        expect(mul(a, add(b, c))).toEqual(add(mul(a, b), mul(a, c)));
        expect(sub(add(a, b), b)).toEqual(a);
        if (b.n !== 0n) expect(mul(div(a, b), b)).toEqual(a);
        expect(compare(a, b)).toBe(-compare(b, a) || 0);
        expect(compare(sub(a, b), rat(0))).toBe(compare(a, b));
      }),
    );
  });

  it('rounds like decimal half-up on hundredths (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), (thousandths) => {
        const value = rat(thousandths, 1000);
        const abs = Math.abs(thousandths);
        const hundredths = Math.floor(abs / 10) + (abs % 10 >= 5 ? 1 : 0);
        const expected = hundredths === 0 ? 0 : (Math.sign(thousandths) * hundredths) / 100;
        expect(toOutputNumber(value)).toBe(expected);
      }),
    );
  });
});
