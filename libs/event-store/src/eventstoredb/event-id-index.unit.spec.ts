import { EventIdIndex } from './event-id-index.js';

describe('EventIdIndex', () => {
  it('finds events by id in any case, and a unit’s events in log order', () => {
    const index = new EventIdIndex();
    index.record('AAAAAAAA-0000-4000-8000-000000000001', { streamId: 'unit-a', revision: 1, position: 300, unitId: 'a' });
    index.record('aaaaaaaa-0000-4000-8000-000000000002', { streamId: 'assessment-2017', revision: 0, position: 100, unitId: 'a' });
    index.record('aaaaaaaa-0000-4000-8000-000000000003', { streamId: 'assessment-2017', revision: 1, position: 200, unitId: null });
    expect(index.lookup('aaaaaaaa-0000-4000-8000-000000000001')).toMatchObject({ streamId: 'unit-a', revision: 1 });
    expect(index.unitEvents('a').map((e) => e.position)).toEqual([100, 300]);
    expect(index.unitEvents('b')).toEqual([]);
    expect(index.size).toBe(3);
  });

  it('moves the scan mark only forward, and only when told', () => {
    const index = new EventIdIndex();
    index.record('aaaaaaaa-0000-4000-8000-000000000001', { streamId: 's', revision: 0, position: 900, unitId: null });
    expect(index.scannedUpTo).toBe(0);
    index.markScanned(500);
    index.markScanned(400);
    expect(index.scannedUpTo).toBe(500);
  });

  it('brings any number down to the last known event position', () => {
    const index = new EventIdIndex();
    for (const [i, position] of [120, 480, 910].entries()) {
      index.record(`aaaaaaaa-0000-4000-8000-00000000000${i}`, { streamId: 's', revision: i, position, unitId: null });
    }
    expect(index.hasPosition(480)).toBe(true);
    expect(index.hasPosition(479)).toBe(false);
    expect(index.floorPosition(479)).toBe(120);
    expect(index.floorPosition(10_000)).toBe(910);
    expect(index.floorPosition(119)).toBe(0);
  });
});
