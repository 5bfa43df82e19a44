import { streamIdFor, unitIdOf } from './stream-ids.js';

describe('stream ids', () => {
  it('puts events about a unit in unit-<unitId>', () => {
    const event = { type: 'SpotCheckRecorded', data: { unitId: 'haibin-street', indicator: '3.5' } };
    expect(streamIdFor(event)).toBe('unit-haibin-street');
    expect(unitIdOf(event)).toBe('haibin-street');
    expect(streamIdFor({ type: 'UnitRegistered', data: { unitId: 'hi-tech-zone' } })).toBe('unit-hi-tech-zone');
  });

  it('puts AssessmentOpened and ResultsPublished in assessment-<assessmentId>, about no unit', () => {
    expect(streamIdFor({ type: 'AssessmentOpened', data: { assessmentId: 'lc-2017' } })).toBe('assessment-lc-2017');
    const published = { type: 'ResultsPublished', data: { assessmentId: 'lc-2017', unitId: 'ignored' } };
    expect(streamIdFor(published)).toBe('assessment-lc-2017');
    expect(unitIdOf(published)).toBeNull();
  });

  it('refuses to place an event with neither id', () => {
    expect(() => streamIdFor({ type: 'SpotCheckRecorded', data: {} })).toThrow('data.unitId');
    expect(() => streamIdFor({ type: 'AssessmentOpened', data: {} })).toThrow('data.assessmentId');
  });
});
