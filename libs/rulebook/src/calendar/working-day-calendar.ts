// A year's official working-day calendar as versioned data: weekends are off unless listed as adjusted working days
// (调休), and listed public holidays are off whatever the weekday.

export interface WorkingDayCalendar {
  /** Stable id referenced by a rulebook (e.g. "cn-2017"). */
  id: string;
  /** Bumped whenever the data is corrected, so a result can name the calendar it used. */
  version: number;
  /** Where the dates come from. */
  source: { zh: string; en: string };
  /** Civil time zone of the dates as a fixed offset in minutes (Asia/Shanghai: 480). */
  utcOffsetMinutes: number;
  /** Inclusive range of civil dates the calendar knows ("YYYY-MM-DD"); asking outside it is an error, not a guess. */
  covers: { from: string; to: string };
  /** Public holidays as inclusive civil-date ranges. */
  holidays: { from: string; to: string; name: { zh: string; en: string } }[];
  /** Weekend days that are working days by the adjustment (调休). */
  adjustedWorkingDays: string[];
  /** Days of the week that are off unless adjusted (0 = Sunday … 6 = Saturday). */
  weekendDays: number[];
}
