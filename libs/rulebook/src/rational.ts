// Exact rational arithmetic for points. Scores stay exact (50/3 stays 50/3) until `toOutputNumber`, the only
// place a JS number is produced, so no floating-point error can move a point or flip a threshold.

export interface Rational {
  /** Numerator; carries the sign. */
  readonly n: bigint;
  /** Denominator; always > 0 and coprime with `n`. */
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function normalise(n: bigint, d: bigint): Rational {
  if (d === 0n) throw new RangeError('rational with denominator 0');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

function toBigInt(value: bigint | number, what: string): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer, got ${value}`);
  return BigInt(value);
}

/** A rational from integers (numbers must be safe integers: no fractions sneak in through a float). */
export function rat(numerator: bigint | number, denominator: bigint | number = 1n): Rational {
  return normalise(toBigInt(numerator, 'numerator'), toBigInt(denominator, 'denominator'));
}

const RATIONAL_TEXT = /^([+-]?)(\d+)(?:\.(\d+))?(?:\/(\d+))?$/;

/** Parses rule parameters written as text: "20", "-2", "0.5", "50/3", "1/2". */
export function parseRational(text: string): Rational {
  const m = RATIONAL_TEXT.exec(text.trim());
  if (!m) throw new SyntaxError(`not a rational: "${text}"`);
  const [, sign, whole, fraction = '', denominator] = m;
  if (fraction !== '' && denominator !== undefined) throw new SyntaxError(`not a rational: "${text}" (decimal over a denominator)`);
  const scale = 10n ** BigInt(fraction.length);
  const n = BigInt(whole + fraction) * (sign === '-' ? -1n : 1n);
  return normalise(n, scale * (denominator === undefined ? 1n : BigInt(denominator)));
}

export const ZERO: Rational = rat(0);
export const ONE: Rational = rat(1);
export const HUNDRED: Rational = rat(100);

// Same-denominator fast paths: most points are integers or halves, and a fold adds thousands of them.
export function add(a: Rational, b: Rational): Rational {
  if (a.d === b.d) return a.d === 1n ? { n: a.n + b.n, d: 1n } : normalise(a.n + b.n, a.d);
  return normalise(a.n * b.d + b.n * a.d, a.d * b.d);
}
export function sub(a: Rational, b: Rational): Rational {
  if (a.d === b.d) return a.d === 1n ? { n: a.n - b.n, d: 1n } : normalise(a.n - b.n, a.d);
  return normalise(a.n * b.d - b.n * a.d, a.d * b.d);
}
export const mul = (a: Rational, b: Rational): Rational => normalise(a.n * b.n, a.d * b.d);
export const neg = (a: Rational): Rational => ({ n: -a.n, d: a.d });

export function div(a: Rational, b: Rational): Rational {
  if (b.n === 0n) throw new RangeError('division by zero');
  return normalise(a.n * b.d, a.d * b.n);
}

/** Sign of a − b by cross-multiplication (denominators are positive, so no division is needed). */
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export const eq = (a: Rational, b: Rational): boolean => compare(a, b) === 0;
export const lt = (a: Rational, b: Rational): boolean => compare(a, b) < 0;
export const le = (a: Rational, b: Rational): boolean => compare(a, b) <= 0;
export const gt = (a: Rational, b: Rational): boolean => compare(a, b) > 0;
export const ge = (a: Rational, b: Rational): boolean => compare(a, b) >= 0;
export const min = (a: Rational, b: Rational): Rational => (compare(a, b) <= 0 ? a : b);
export const max = (a: Rational, b: Rational): Rational => (compare(a, b) >= 0 ? a : b);
export const clamp = (x: Rational, lo: Rational, hi: Rational): Rational => max(lo, min(hi, x));
export const isZero = (a: Rational): boolean => a.n === 0n;
export const sum = (values: Iterable<Rational>): Rational => {
  let total = ZERO;
  for (const v of values) total = add(total, v);
  return total;
};

/** Largest integer ≤ a (towards −∞, also for negatives). */
export function floor(a: Rational): bigint {
  const q = a.n / a.d;
  return a.n < 0n && q * a.d !== a.n ? q - 1n : q;
}

/** The ratio numerator/denominator as a percentage, exactly (e.g. 94999/100000 → 94999/1000). */
export function percent(numerator: number, denominator: number): Rational {
  return div(mul(rat(numerator), HUNDRED), rat(denominator));
}

/**
 * Half-up to 2 decimals (ties away from zero: 16.665 → 16.67, −16.665 → −16.67), as a JS number for output only.
 * Dividing an exact integer count of hundredths by 100 gives the double nearest to the decimal, which prints as it.
 */
export function toOutputNumber(a: Rational): number {
  const negative = a.n < 0n;
  const absN = negative ? -a.n : a.n;
  const hundredths = (absN * 200n + a.d) / (2n * a.d);
  if (hundredths === 0n) return 0;
  const value = Number(hundredths) / 100;
  return negative ? -value : value;
}

/** "50/3", "-2", "1/2": the exact value as text, for traces. */
export function toRationalString(a: Rational): string {
  return a.d === 1n ? a.n.toString() : `${a.n}/${a.d}`;
}

/** Short decimal for messages: at most 2 decimals, trailing zeros dropped (50/3 → "16.67"). */
export function toDisplayString(a: Rational): string {
  return String(toOutputNumber(a));
}

/** Half-up to `digits` decimals with trailing zeros dropped, prefixed "≈" when that is not the exact value. */
export function toDecimalText(a: Rational, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const negative = a.n < 0n;
  const absN = negative ? -a.n : a.n;
  const scaled = (absN * scale * 2n + a.d) / (2n * a.d);
  const exact = scaled * a.d === absN * scale;
  const whole = scaled / scale;
  const fraction = (scaled % scale).toString().padStart(digits, '0').replace(/0+$/, '');
  const text = `${negative && scaled !== 0n ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
  return exact ? text : `≈${text}`;
}
