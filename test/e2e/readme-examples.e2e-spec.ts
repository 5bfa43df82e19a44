// Every HTTP example of the README runs against the demo ledger and answers as the README says: the reviewer's
// question about haibin-street on 30 November as known on 1 December gives the overall score printed there.
import { readFileSync } from 'node:fs';
import { runCli } from '../cli/support/run-cli.js';
import { startLedgerTestApp, type LedgerTestApp } from './support/ledger-test-app.js';

const README = readFileSync('README.md', 'utf8');
/** `GET /v1/…` examples with concrete values (no `=&` or `:id` placeholders). */
const EXAMPLES = [...README.matchAll(/`GET (\/v1\/[^`\s]*\?[^`\s]*)`/g)].map((m) => m[1]).filter((path) => !/=(&|$)|\/:/.test(path));

describe('the README examples on the demo ledger', () => {
  let t: LedgerTestApp;
  beforeAll(async () => {
    t = await startLedgerTestApp('readme_examples');
    const seeded = await runCli(['demo'], t.db.url);
    expect(seeded.code).toBe(0);
  });
  afterAll(() => t.close());

  it('finds the examples', () => {
    expect(EXAMPLES).toContain('/v1/scores?unitId=haibin-street&asOf=2017-11-30T23:59:59%2B08:00&knownAt=2017-12-01T00:00:00%2B08:00');
  });

  it.each(EXAMPLES)('GET %s answers 200 with what the README prints', async (path) => {
    const res = await (await t.as('gov-office')).get(path).expect(200);
    const printed = README.slice(README.indexOf(path)).match(/answers `([^`]+)`/);
    if (printed) {
      const [field, value] = printed[1].split(': ');
      expect(String(res.body.units[0][field])).toBe(value);
    }
  });
});
