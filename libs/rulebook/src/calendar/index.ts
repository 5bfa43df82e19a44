export * from './working-day-calendar.js';
export * from './cn-2017.calendar.js';
export * from './working-days.js';
