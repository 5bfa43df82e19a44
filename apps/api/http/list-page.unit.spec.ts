import { pageOf, pagedScores, unitSummary } from './list-page.js';

const letters = ['a', 'b', 'c', 'd', 'e'];

describe('pageOf', () => {
  it('cuts an ordered list into pages whose nextAfter leads to the next, null on the last', () => {
    expect(pageOf(letters, { limit: 2 })).toEqual({ total: 5, limit: 2, nextAfter: 2, items: ['a', 'b'] });
    expect(pageOf(letters, { limit: 2, after: 2 })).toEqual({ total: 5, limit: 2, nextAfter: 4, items: ['c', 'd'] });
    expect(pageOf(letters, { limit: 2, after: 4 })).toEqual({ total: 5, limit: 2, nextAfter: null, items: ['e'] });
  });

  it('defaults to 100 from the start; a page that ends exactly at the end is the last; past the end is empty', () => {
    expect(pageOf(letters, {})).toEqual({ total: 5, limit: 100, nextAfter: null, items: letters });
    expect(pageOf(letters, { limit: 5 }).nextAfter).toBeNull();
    expect(pageOf(letters, { after: 9 })).toEqual({ total: 5, limit: 100, nextAfter: null, items: [] });
    expect(pageOf([], {})).toEqual({ total: 0, limit: 100, nextAfter: null, items: [] });
  });
});

describe('pagedScores and unitSummary', () => {
  const unit = (unitId: string) => ({ unitId, overall: 50, parts: { '1': 50 }, indicators: {}, interpretations: [] });
  const document = { rulebook: 'lc-2017', asOf: 'a', knownAt: 'k', units: [unit('x'), unit('y'), unit('z')] };

  it('keeps the header in its place, then the page fields, then the units', () => {
    const page = pagedScores(document as never, { limit: 2, after: 1 });
    expect(Object.keys(page)).toEqual(['rulebook', 'asOf', 'knownAt', 'total', 'limit', 'nextAfter', 'units']);
    expect(page.units.map((u) => u.unitId)).toEqual(['y', 'z']);
  });

  it('summarises a unit to its id, overall and parts', () => {
    expect(unitSummary(unit('x'))).toEqual({ unitId: 'x', overall: 50, parts: { '1': 50 } });
  });
});
