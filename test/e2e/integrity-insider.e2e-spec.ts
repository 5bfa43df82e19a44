// The insider attack of issue 15, end to end: a reviewer keeps a checkpoint and the verifier key; a superuser
// rewrites a finding and recomputes its stream's chain (so `ledger verify` passes), or cuts the tail of the log.
// The witness (`ledger audit`), the proof bundles (`ledger check-proof`) and the published result's verify catch it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { leafHash, verifyInclusion } from '../../libs/integrity/src/merkle.js';
import { openCheckpoint, parseVerifierKey } from '../../libs/integrity/src/signed-note.js';
import type { ProofBundle } from '../../libs/integrity/src/proof-bundle.js';
import { lastLine, runCli } from '../cli/support/run-cli.js';
import { cutTail, rewriteEvent } from './support/insider.js';
import { startLedgerTestApp, type LedgerTestApp } from './support/ledger-test-app.js';

const dir = mkdtempSync(join(tmpdir(), 'insider-'));
process.env.SIGNING_KEY_FILE = join(dir, 'signing-key.pem');
const file = (name: string) => join(dir, name);

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe('the insider attack: a rewritten finding with its chain recomputed', () => {
  let t: LedgerTestApp;
  let key: string;
  let finding: { event_id: string; position: string };
  let resultId: string;

  beforeAll(async () => {
    t = await startLedgerTestApp('insider_rewrite');
    expect(await runCli(['demo'], t.db.url)).toMatchObject({ code: 0 });
    key = lastLine((await runCli(['signing-key', 'show'], t.db.url)).stdout);
    [finding] = await query(t.db.url, `SELECT event_id, position FROM events WHERE type = 'SpotCheckRecorded' AND data->>'outcome' = 'fail' ORDER BY position LIMIT 1`);
    [{ event_id: resultId }] = await query<{ event_id: string }>(t.db.url, `SELECT event_id FROM events WHERE type = 'ResultsPublished' ORDER BY position DESC LIMIT 1`);
  });
  afterAll(() => t?.close());

  it('before: the public checkpoint verifies with the published key, proofs and the witness pass', async () => {
    const keys = await (await t.as('gov-office')).get('/v1/checkpoint/keys').expect(200);
    expect(keys.body.current).toBe(key);
    // Public: no API key.
    const response = await request(t.app.getHttpServer()).get('/v1/checkpoint').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const checkpoint = openCheckpoint(response.text, [parseVerifierKey(key)]);
    expect(checkpoint.size).toBe(await t.head());
    writeFileSync(file('kept.checkpoint'), response.text);

    const proof = await (await t.as('gov-office')).get(`/v1/proofs/inclusion?eventId=${finding.event_id}&treeSize=${checkpoint.size}`).expect(200);
    expect(proof.body).toMatchObject({ eventId: finding.event_id, leafIndex: Number(finding.position) - 1, treeSize: checkpoint.size });
    const [{ hash }] = await query<{ hash: string }>(t.db.url, 'SELECT hash FROM events WHERE event_id = $1', [finding.event_id]);
    expect(verifyInclusion(proof.body.leafIndex, checkpoint.size, leafHash(Buffer.from(hash, 'hex')), proof.body.hashes.map((h: string) => Buffer.from(h, 'base64')), checkpoint.rootHash)).toBe(true);

    expect(await runCli(['prove', '--event', finding.event_id, '--out', file('finding.bundle.json')], t.db.url)).toMatchObject({ code: 0 });
    const checked = await runCli(['check-proof', file('finding.bundle.json'), '--key', key]);
    expect(checked).toMatchObject({ code: 0 });
    expect(checked.stdout).toContain(`event ${finding.event_id} is entry ${Number(finding.position) - 1}`);

    const audit = await runCli(['audit', '--checkpoint', file('kept.checkpoint'), '--key', key], t.db.url);
    expect(audit.code).toBe(0);
    const result = await (await t.as('gov-office')).get(`/v1/results/${resultId}?verify=true`).expect(200);
    expect(result.body).toMatchObject({ treeSize: expect.any(Number), rootHash: expect.any(String), verification: { ok: true } });
  });

  it('after: verify passes, but audit names the entry, the bundles fail and the published result fails', async () => {
    const changed = await rewriteEvent(t.db.url, finding.event_id, (data) => ({ ...data, outcome: 'pass', note: '' }));
    expect(changed.data.outcome).toBe('pass');
    expect(await runCli(['verify'], t.db.url)).toMatchObject({ code: 0 });

    const audit = await runCli(['audit', '--checkpoint', file('kept.checkpoint'), '--key', key], t.db.url);
    expect(audit.code).toBe(1);
    const entry = Number(finding.position) - 1;
    expect(audit.stderr).toContain(`first differing entry: ${entry} (position ${finding.position}, event ${finding.event_id}`);
    expect(audit.stderr).toMatch(/hashed from their content, give root .* not the kept checkpoint's/);

    // The kept bundle holding the event as the ledger shows it now: its leaf is not in the kept tree.
    const bundle = JSON.parse(readFileSync(file('finding.bundle.json'), 'utf8')) as ProofBundle;
    writeFileSync(file('now.bundle.json'), JSON.stringify({ ...bundle, event: changed }));
    const old = await runCli(['check-proof', file('now.bundle.json'), '--key', key]);
    expect(old.code).toBe(1);
    expect(old.stderr).toMatch(/inclusion: the path does not lead from entry/);
    // A fresh proof of the rewritten event fails as well: the tree recorded the original.
    expect(await runCli(['prove', '--event', finding.event_id, '--out', file('fresh.bundle.json')], t.db.url)).toMatchObject({ code: 0 });
    expect(await runCli(['check-proof', file('fresh.bundle.json'), '--key', key])).toMatchObject({ code: 1 });

    const result = await (await t.as('gov-office')).get(`/v1/results/${resultId}?verify=true`).expect(200);
    expect(result.body.verification.ok).toBe(false);
    expect(result.body.verification.problems.join('\n')).toMatch(/tree: the log's first \d+ entries, hashed from their content, give root/);
  });
});

describe('the insider attack: the tail of the log deleted', () => {
  let t: LedgerTestApp;
  let key: string;

  beforeAll(async () => {
    t = await startLedgerTestApp('insider_tail');
    expect(await runCli(['demo'], t.db.url)).toMatchObject({ code: 0 });
    key = lastLine((await runCli(['signing-key', 'show'], t.db.url)).stdout);
  });
  afterAll(() => t?.close());

  it('audit names the size; the deleted event cannot be proven again, while its kept bundle still proves it was there', async () => {
    const kept = await runCli(['checkpoint', '--out', file('tail.checkpoint')], t.db.url);
    expect(kept.code).toBe(0);
    const size = openCheckpoint(readFileSync(file('tail.checkpoint'), 'utf8'), [parseVerifierKey(key)]).size;
    const [last] = await query<{ event_id: string }>(t.db.url, 'SELECT event_id FROM events WHERE position = $1', [size]);
    expect(await runCli(['prove', '--event', last.event_id, '--out', file('last.bundle.json')], t.db.url)).toMatchObject({ code: 0 });

    await cutTail(t.db.url, size - 5);
    expect(await runCli(['verify'], t.db.url)).toMatchObject({ code: 0 });
    const audit = await runCli(['audit', '--checkpoint', file('tail.checkpoint'), '--key', key], t.db.url);
    expect(audit.code).toBe(1);
    expect(audit.stderr).toContain(`the log has ${size - 5} entries, fewer than the ${size} of the kept checkpoint`);
    expect(await runCli(['prove', '--event', last.event_id], t.db.url)).toMatchObject({ code: 1 });
    // Evidence for the reviewer: the kept bundle shows the deleted event was entry size − 1 of the signed log.
    expect(await runCli(['check-proof', file('last.bundle.json'), '--key', key])).toMatchObject({ code: 0 });
  });
});
