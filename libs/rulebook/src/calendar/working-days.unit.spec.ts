import { CN_2017_CALENDAR } from './cn-2017.calendar.js';
import { endOfNthWorkingDayAfter, endOfNthWorkingDayAfterMs, getCalendar, isWorkingDay } from './working-days.js';

const cal = CN_2017_CALENDAR;

describe('2017 working-day calendar', () => {
  it('knows weekends, holidays and adjusted working days', () => {
    expect(isWorkingDay('2017-09-29', cal)).toBe(true); // Friday
    expect(isWorkingDay('2017-09-30', cal)).toBe(true); // Saturday, adjusted
    expect(isWorkingDay('2017-10-01', cal)).toBe(false);
    expect(isWorkingDay('2017-10-06', cal)).toBe(false); // Friday inside the National Day holiday
    expect(isWorkingDay('2017-10-09', cal)).toBe(true);
    expect(isWorkingDay('2017-10-14', cal)).toBe(false); // ordinary Saturday
    expect(isWorkingDay('2017-01-22', cal)).toBe(true); // Sunday, adjusted
    expect(isWorkingDay('2017-01-02', cal)).toBe(false); // Monday, New Year
    expect(isWorkingDay('2017-05-27', cal)).toBe(true);
    expect(isWorkingDay('2017-05-29', cal)).toBe(false);
  });

  it('counts working days after the day of submission (I-WORKDAY)', () => {
    expect(endOfNthWorkingDayAfter('2017-09-29T10:00:00+08:00', 2, cal)).toBe('2017-10-09T23:59:59.999+08:00');
    expect(endOfNthWorkingDayAfter('2017-09-29T10:00:00+08:00', 1, cal)).toBe('2017-09-30T23:59:59.999+08:00');
    expect(endOfNthWorkingDayAfter('2017-06-05T08:00:00+08:00', 2, cal)).toBe('2017-06-07T23:59:59.999+08:00');
    // Friday → Monday and Tuesday.
    expect(endOfNthWorkingDayAfter('2017-06-09T17:00:00+08:00', 2, cal)).toBe('2017-06-13T23:59:59.999+08:00');
    // Submitted on a holiday: the day itself is still not counted.
    expect(endOfNthWorkingDayAfter('2017-10-03T12:00:00+08:00', 2, cal)).toBe('2017-10-10T23:59:59.999+08:00');
    // Spring Festival: 1/26 Thu → 1/27–2/2 off → 2/3 Fri, 2/4 Sat (adjusted).
    expect(endOfNthWorkingDayAfter('2017-01-26T09:00:00+08:00', 2, cal)).toBe('2017-02-04T23:59:59.999+08:00');
  });

  it('takes the civil day in Asia/Shanghai, whatever offset the instant is written in', () => {
    // 2017-09-28T16:30Z is 2017-09-29 00:30 in Shanghai.
    expect(endOfNthWorkingDayAfter('2017-09-28T16:30:00Z', 2, cal)).toBe('2017-10-09T23:59:59.999+08:00');
    expect(endOfNthWorkingDayAfter('2017-09-28T15:59:59.999Z', 2, cal)).toBe('2017-09-30T23:59:59.999+08:00');
    expect(endOfNthWorkingDayAfterMs('2017-09-29T10:00:00+08:00', 2, cal)).toBe(Date.UTC(2017, 9, 9, 15, 59, 59, 999));
  });

  it('refuses to guess outside its coverage and bad arguments', () => {
    expect(() => endOfNthWorkingDayAfter('2017-12-29T10:00:00+08:00', 2, cal)).toThrow(/covers 2017-01-01 to 2017-12-31/);
    expect(() => endOfNthWorkingDayAfter('2017-06-05T08:00:00+08:00', 0, cal)).toThrow(RangeError);
    expect(getCalendar('cn-2017')).toBe(cal);
    expect(() => getCalendar('cn-2031')).toThrow(/unknown/);
  });
});
