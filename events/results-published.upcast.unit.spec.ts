import { upcast } from './upcasters.js';
import { validateEventData } from './validate-event.js';
import type { LedgerEvent } from './envelope.js';
import './index.js';

const v1 = { assessmentId: 'lc-2017', asOf: '2017-12-31T23:59:59.999+08:00', knownAt: '2018-01-05T00:00:00+08:00', ledgerPosition: 23, ledgerHash: 'a'.repeat(64), scoresSha256: 'b'.repeat(64) };

describe('ResultsPublished schema version 2 (integrity.md §3)', () => {
  it('accepts v1 data as before and v2 data with treeSize and a base64 rootHash', () => {
    expect(validateEventData('ResultsPublished', 1, v1)).toEqual([]);
    expect(validateEventData('ResultsPublished', 2, { ...v1, treeSize: 23, rootHash: Buffer.alloc(32, 7).toString('base64') })).toEqual([]);
  });

  it('refuses v2 data without the pin or with a hex root, naming the field', () => {
    const fields = (data: unknown) => validateEventData('ResultsPublished', 2, data).map((p) => p.field);
    expect(fields(v1)).toEqual(expect.arrayContaining([expect.stringMatching(/treeSize/), expect.stringMatching(/rootHash/)]));
    expect(fields({ ...v1, treeSize: 23, rootHash: 'c'.repeat(64) })).toEqual([expect.stringMatching(/rootHash/)]);
  });

  it('upcasts a stored v1 event to v2 with no pinned tree, leaving v2 events as they are', () => {
    const stored = { type: 'ResultsPublished', schemaVersion: 1, data: v1 } as unknown as LedgerEvent;
    expect(upcast(stored)).toMatchObject({ schemaVersion: 2, data: { ...v1, treeSize: null, rootHash: null } });
    const v2 = { type: 'ResultsPublished', schemaVersion: 2, data: { ...v1, treeSize: 23, rootHash: 'x' } } as unknown as LedgerEvent;
    expect(upcast(v2)).toBe(v2);
  });
});
