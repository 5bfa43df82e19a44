// ISO 8601 instants with an explicit offset ⇄ integer epoch milliseconds, by integer arithmetic only
// (no Date parsing, whose leniency and time-zone defaults differ between engines).

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

export const MS_PER_MINUTE = 60_000;
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
  const m = INSTANT.exec(text);
  if (!m) throw new RangeError(`not an ISO 8601 instant with offset: "${text}"`);
  const [, y, mo, d, h, mi, s = '0', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw new RangeError(`not a valid date or time: "${text}"`);
  }
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) throw new RangeError(`not a valid offset: "${text}"`);
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

/** "2017-07-31": the civil date of an instant in a fixed offset. */
export function formatLocalDate(epochMs: number, utcOffsetMinutes: number): string {
  const { year, month, day } = civilFromDays(localDayNumber(epochMs, utcOffsetMinutes));
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** "2017-07-31 14:05": the civil date and minute of an instant in a fixed offset, for messages. */
export function formatLocalMinute(epochMs: number, utcOffsetMinutes: number): string {
  const iso = formatInstant(epochMs, utcOffsetMinutes);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
