// The 2017 mainland-China calendar of public holidays and adjusted working days.
import type { WorkingDayCalendar } from './working-day-calendar.js';

export const CN_2017_CALENDAR: WorkingDayCalendar = {
  id: 'cn-2017',
  version: 1,
  source: {
    zh: '国务院办公厅关于2017年部分节假日安排的通知（国办发明电〔2016〕17号）',
    en: 'General Office of the State Council, notice on the 2017 public holidays (国办发明电〔2016〕17号)',
  },
  utcOffsetMinutes: 480,
  covers: { from: '2017-01-01', to: '2017-12-31' },
  holidays: [
    { from: '2017-01-01', to: '2017-01-02', name: { zh: '元旦', en: "New Year's Day" } },
    { from: '2017-01-27', to: '2017-02-02', name: { zh: '春节', en: 'Spring Festival' } },
    { from: '2017-04-02', to: '2017-04-04', name: { zh: '清明节', en: 'Qingming Festival' } },
    { from: '2017-04-29', to: '2017-05-01', name: { zh: '劳动节', en: 'Labour Day' } },
    { from: '2017-05-28', to: '2017-05-30', name: { zh: '端午节', en: 'Dragon Boat Festival' } },
    { from: '2017-10-01', to: '2017-10-08', name: { zh: '国庆节、中秋节', en: 'National Day and Mid-Autumn Festival' } },
  ],
  adjustedWorkingDays: ['2017-01-22', '2017-02-04', '2017-04-01', '2017-05-27', '2017-09-30'],
  weekendDays: [0, 6],
};
