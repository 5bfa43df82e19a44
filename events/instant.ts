// ISO 8601 instants with an explicit offset ⇄ integer epoch milliseconds, by integer arithmetic only
// (no Date parsing, whose leniency and time-zone defaults differ between engines: V8's Date.parse takes
// "T24:00:00", and PostgreSQL refuses what V8 rolls over). THE parser of the product: the append check (events/,
// libs/ledger), the evaluator, the CLI and the HTTP parameters all use it, so a date one of them accepts, every
// other one can read. Strict: a real calendar date, hours 00–23, an offset within ±14:00 (the widest in use),
// a year within 2000–2100 (docs/adr/0010-one-strict-instant-parser.md).

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

export const MS_PER_MINUTE = 60_000;
/** Years an instant may name: wide around any assessment year, narrow enough for every engine and PostgreSQL. */
export const MIN_INSTANT_YEAR = 2000;
export const MAX_INSTANT_YEAR = 2100;
/** The widest UTC offset in use (Line Islands, +14:00). */
export const MAX_OFFSET_MINUTES = 14 * 60;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number (inverse of daysFromCivil). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: month <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, month, day };
}

function daysInMonth(year: number, month: number): number {
  return daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
}

/**
 * Epoch milliseconds of an ISO 8601 instant that carries its offset ("Z" or "±hh:mm").
 * Digits below the millisecond are truncated (an instant is never moved later than it is).
 */
export function parseInstant(text: string): number {
  const fast = parseCommonInstant(text);
  if (fast !== undefined) return fast;
  const m = INSTANT.exec(text);
  if (!m) throw new RangeError(`not an ISO 8601 instant with offset: "${text}"`);
  const [, y, mo, d, h, mi, s = '0', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (year < MIN_INSTANT_YEAR || year > MAX_INSTANT_YEAR) {
    throw new RangeError(`year must be within ${MIN_INSTANT_YEAR}–${MAX_INSTANT_YEAR}: "${text}"`);
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw new RangeError(`not a valid date or time: "${text}"`);
  }
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (om > 59 || oh * 60 + om > MAX_OFFSET_MINUTES) throw new RangeError(`offset must be within ±14:00: "${text}"`);
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const millis = Number((frac + '000').slice(0, 3));
  return (
    daysFromCivil(year, month, day) * MS_PER_DAY +
    hour * MS_PER_HOUR +
    minute * MS_PER_MINUTE +
    second * 1000 +
    millis -
    offsetMinutes * MS_PER_MINUTE
  );
}

/** Why a value is not an instant, in the words of a 400. */
export const INSTANT_REASON =
  `must be an ISO 8601 date-time with an offset, e.g. 2017-10-05T09:30:00+08:00: a real calendar date, hours 00–23, ` +
  `an offset within ±14:00, a year within ${MIN_INSTANT_YEAR}–${MAX_INSTANT_YEAR}`;

/** The epoch milliseconds of a valid instant, or undefined for anything else (any type, any bad field). */
export function tryParseInstant(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  try {
    return parseInstant(value);
  } catch {
    return undefined;
  }
}

/** A string that parseInstant reads: ISO 8601 with an offset, a real date and time, a sane year and offset. */
export function isInstant(value: unknown): value is string {
  return tryParseInstant(value) !== undefined;
}

const ZERO_CODE = 48;

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - ZERO_CODE;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * The hot path of a large fold: "YYYY-MM-DDThh:mm:ss[.SSS](Z|±hh:mm)" read by char codes, no regex or allocation.
 * Anything else (other precisions, invalid fields) returns undefined and takes the general path, which also reports errors.
 */
function parseCommonInstant(text: string): number | undefined {
  const length = text.length;
  if (length < 20 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  let at = 19;
  let millis = 0;
  if (text.charCodeAt(at) === 46) {
    millis = digits(text, 20, 3);
    at = 23;
  }
  let offsetMinutes: number;
  if (at === length - 1 && text.charCodeAt(at) === 90) offsetMinutes = 0;
  else if (at === length - 6 && text.charCodeAt(at + 3) === 58) {
    const sign = text.charCodeAt(at);
    const oh = digits(text, at + 1, 2);
    const om = digits(text, at + 4, 2);
    if ((sign !== 43 && sign !== 45) || oh < 0 || om < 0 || om > 59 || oh * 60 + om > MAX_OFFSET_MINUTES) return undefined;
    offsetMinutes = (sign === 45 ? -1 : 1) * (oh * 60 + om);
  } else return undefined;
  if (year < MIN_INSTANT_YEAR || year > MAX_INSTANT_YEAR || millis < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  if (day > 28 && day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day) * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000 + millis - offsetMinutes * MS_PER_MINUTE;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** "2017-12-31T23:59:59.999+08:00": the instant in a fixed offset, always with milliseconds. */
export function formatInstant(epochMs: number, utcOffsetMinutes: number): string {
  if (!Number.isSafeInteger(epochMs)) throw new RangeError(`not an integer instant: ${epochMs}`);
  const local = epochMs + utcOffsetMinutes * MS_PER_MINUTE;
  const days = Math.floor(local / MS_PER_DAY);
  const inDay = local - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const offset = Math.abs(utcOffsetMinutes);
  return (
    `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(Math.floor(inDay / MS_PER_HOUR))}:` +
    `${pad(Math.floor(inDay / MS_PER_MINUTE) % 60)}:${pad(Math.floor(inDay / 1000) % 60)}.${pad(inDay % 1000, 3)}` +
    `${sign}${pad(Math.floor(offset / 60))}:${pad(offset % 60)}`
  );
}

/** The civil day number (days since 1970-01-01) of an instant in a fixed offset. */
export function localDayNumber(epochMs: number, utcOffsetMinutes: number): number {
  return Math.floor((epochMs + utcOffsetMinutes * MS_PER_MINUTE) / MS_PER_DAY);
}

// Traces name the same few hundred dates thousands of times.
const dateTexts = new Map<number, string>();

function formatDayNumber(days: number): string {
  let text = dateTexts.get(days);
  if (text === undefined) {
    const { year, month, day } = civilFromDays(days);
    text = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
    if (dateTexts.size < 100_000) dateTexts.set(days, text);
  }
  return text;
}

/** "2017-07-31": the civil date of an instant in a fixed offset. */
export function formatLocalDate(epochMs: number, utcOffsetMinutes: number): string {
  return formatDayNumber(localDayNumber(epochMs, utcOffsetMinutes));
}

/** "2017-07-31 14:05": the civil date and minute of an instant in a fixed offset, for messages. */
export function formatLocalMinute(epochMs: number, utcOffsetMinutes: number): string {
  const local = epochMs + utcOffsetMinutes * MS_PER_MINUTE;
  const days = Math.floor(local / MS_PER_DAY);
  const minuteOfDay = Math.floor((local - days * MS_PER_DAY) / MS_PER_MINUTE);
  return `${formatDayNumber(days)} ${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
}
