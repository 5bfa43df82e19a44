// Working-day arithmetic over a WorkingDayCalendar (I-WORKDAY), on civil day numbers in the calendar's offset.
import { MS_PER_DAY, MS_PER_MINUTE, daysFromCivil, formatInstant, localDayNumber, parseInstant } from '../instant.js';
import { CN_2017_CALENDAR } from './cn-2017.calendar.js';
import type { WorkingDayCalendar } from './working-day-calendar.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a civil date YYYY-MM-DD: "${date}"`);
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}

interface CompiledCalendar {
  from: number;
  to: number;
  holidays: Set<number>;
  adjusted: Set<number>;
  weekend: Set<number>;
}

const compiled = new WeakMap<WorkingDayCalendar, CompiledCalendar>();

function compile(calendar: WorkingDayCalendar): CompiledCalendar {
  let c = compiled.get(calendar);
  if (c) return c;
  const holidays = new Set<number>();
  for (const range of calendar.holidays) {
    for (let d = dayNumber(range.from); d <= dayNumber(range.to); d++) holidays.add(d);
  }
  c = {
    from: dayNumber(calendar.covers.from),
    to: dayNumber(calendar.covers.to),
    holidays,
    adjusted: new Set(calendar.adjustedWorkingDays.map(dayNumber)),
    weekend: new Set(calendar.weekendDays),
  };
  compiled.set(calendar, c);
  return c;
}

function isWorkingDayNumber(day: number, calendar: WorkingDayCalendar): boolean {
  const c = compile(calendar);
  if (day < c.from || day > c.to) {
    throw new RangeError(`calendar ${calendar.id} v${calendar.version} covers ${calendar.covers.from} to ${calendar.covers.to} only`);
  }
  if (c.holidays.has(day)) return false;
  if (c.adjusted.has(day)) return true;
  // 1970-01-01 was a Thursday (4).
  const weekday = (((day + 4) % 7) + 7) % 7;
  return !c.weekend.has(weekday);
}

/** Whether a civil date ("2017-09-30") is a working day. */
export function isWorkingDay(date: string, calendar: WorkingDayCalendar): boolean {
  return isWorkingDayNumber(dayNumber(date), calendar);
}

/**
 * The last millisecond of the n-th working day after the civil day of `instant` (that day itself is not counted),
 * as epoch milliseconds. Throws outside the calendar's coverage rather than guess a holiday.
 */
export function endOfNthWorkingDayAfterMs(instant: string | number, n: number, calendar: WorkingDayCalendar): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  const epochMs = typeof instant === 'number' ? instant : parseInstant(instant);
  let day = localDayNumber(epochMs, calendar.utcOffsetMinutes);
  for (let found = 0; found < n; ) {
    day += 1;
    if (isWorkingDayNumber(day, calendar)) found += 1;
  }
  return (day + 1) * MS_PER_DAY - 1 - calendar.utcOffsetMinutes * MS_PER_MINUTE;
}

/** As endOfNthWorkingDayAfterMs, formatted in the calendar's offset: "2017-10-09T23:59:59.999+08:00". */
export function endOfNthWorkingDayAfter(instant: string | number, n: number, calendar: WorkingDayCalendar): string {
  return formatInstant(endOfNthWorkingDayAfterMs(instant, n, calendar), calendar.utcOffsetMinutes);
}

const calendars = new Map<string, WorkingDayCalendar>([[CN_2017_CALENDAR.id, CN_2017_CALENDAR]]);

/** The calendar of a rulebook's `calendar` id. */
export function getCalendar(id: string): WorkingDayCalendar {
  const calendar = calendars.get(id);
  if (!calendar) throw new RangeError(`unknown working-day calendar "${id}" (known: ${[...calendars.keys()].join(', ')})`);
  return calendar;
}
