// The integrity routes over HTTP (integrity.md §3): checkpoints taken while 20 writers append are each consistent
// with every later one (and each root is the tree of the log's content at its size); bad proof requests are 400s
// naming the field; proofs need an API key, checkpoints and keys do not; a rotated key keeps old checkpoints valid.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { IntegrityService } from '../../apps/api/integrity/integrity.service.js';
import { verifyConsistency } from '../../libs/integrity/src/merkle.js';
import { recomputeRoot } from '../../libs/integrity/src/recompute-root.js';
import { openCheckpoint, parseVerifierKey, type Checkpoint } from '../../libs/integrity/src/signed-note.js';
import { rotateSigningKey, signingKeySettings } from '../../libs/integrity/src/signing-keys.js';
import { lastLine, runCli } from '../cli/support/run-cli.js';
import { startLedgerTestApp, type LedgerTestApp } from './support/ledger-test-app.js';

process.env.SIGNING_KEY_FILE = join(mkdtempSync(join(tmpdir(), 'routes-')), 'signing-key.pem');

const WRITERS = 20;
const EACH = 12;

const task = (unitId: string, n: number) => ({
  eventId: randomUUID(),
  type: 'TaskIncompleteFound',
  occurredAt: '2017-10-10T10:00:00+08:00',
  evidence: [{ kind: 'document', ref: `督查通报-${n}.pdf`, sha256: 'b'.repeat(64) }],
  data: { unitId, indicator: '1.1', taskRef: `任务-${n}`, note: '未完成' },
});

describe('integrity routes', () => {
  let t: LedgerTestApp;
  let key: string;
  const b64 = (h: Buffer) => h.toString('base64');

  beforeAll(async () => {
    t = await startLedgerTestApp('integrity_routes');
    const gov = await t.as('gov-office');
    const units = Array.from({ length: WRITERS }, (_, i) => `writer-${i}-street`);
    await gov.post('/v1/events', units.map((unitId) => ({ type: 'UnitRegistered', occurredAt: '2017-01-03T09:00:00+08:00', data: { unitId, name: unitId, kind: 'street' } }))).expect(201);
    key = (await request(t.app.getHttpServer()).get('/v1/checkpoint/keys').expect(200)).body.current;
  });
  afterAll(() => t?.close());

  it('checkpoints taken while 20 writers append are each consistent with every later one', async () => {
    const gov = await t.as('gov-office');
    const integrity = t.app.get(IntegrityService);
    const notes: string[] = [];
    let writing = true;
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; i < EACH; i += 1) await gov.post('/v1/events', task(`writer-${w}-street`, i)).expect(201);
    });
    const taker = (async () => {
      while (writing) {
        // Some through the route (shared within its one-second window), some forced fresh.
        notes.push((await request(t.app.getHttpServer()).get('/v1/checkpoint').expect(200)).text);
        notes.push((await integrity.checkpoints.latest(0)).note);
      }
    })();
    await Promise.all(writers);
    writing = false;
    await taker;
    notes.push((await integrity.checkpoints.latest(0)).note);

    const verifier = parseVerifierKey(key);
    const checkpoints = [...new Map(notes.map((n) => openCheckpoint(n, [verifier])).map((c) => [`${c.size}/${b64(c.rootHash)}`, c])).values()].sort((a, b) => a.size - b.size);
    const head = await t.head();
    expect(checkpoints.at(-1)!.size).toBe(head);
    expect(new Set(checkpoints.map((c) => c.size)).size).toBe(checkpoints.length);
    expect(checkpoints.length).toBeGreaterThan(3);
    // Every root is the tree of the log's content at that size, not only of what the tree table says.
    for (const c of checkpoints) expect(b64((await recomputeRoot(t.ledger.store, c.size)).root)).toBe(b64(c.rootHash));
    const pairs: [Checkpoint, Checkpoint][] = [];
    checkpoints.forEach((a, i) => checkpoints.slice(i + 1).forEach((b) => pairs.push([a, b])));
    for (const [a, b] of pairs) {
      const proof = await gov.get(`/v1/proofs/consistency?from=${a.size}&to=${b.size}`).expect(200);
      expect(proof.body).toMatchObject({ from: a.size, to: b.size });
      expect(verifyConsistency(a.size, b.size, a.rootHash, b.rootHash, proof.body.hashes.map((h: string) => Buffer.from(h, 'base64')))).toBe(true);
    }
  });

  it('refuses bad proof requests with a 400 naming the field, unknown events with a 404, and no key with a 401', async () => {
    const gov = await t.as('gov-office');
    const head = await t.head();
    const expectMessage = async (path: string, status: number, pattern: RegExp) => {
      const res = await gov.get(path).expect(status);
      expect(res.body.message.join(' ')).toMatch(pattern);
    };
    await expectMessage('/v1/proofs/inclusion?eventId=nope', 400, /eventId must be a UUID/);
    await expectMessage(`/v1/proofs/inclusion?eventId=${randomUUID()}`, 404, /eventId: no event/);
    const [first] = (await gov.get('/v1/events?limit=1').expect(200)).body.events;
    await expectMessage(`/v1/proofs/inclusion?eventId=${first.eventId}&treeSize=0`, 400, /treeSize must be at least 1/);
    await expectMessage(`/v1/proofs/inclusion?eventId=${first.eventId}&treeSize=abc`, 400, /treeSize must be an integer/);
    await expectMessage(`/v1/proofs/inclusion?eventId=${first.eventId}&treeSize=${head + 10}`, 400, /treeSize: the tree has \d+ entries/);
    await expectMessage('/v1/proofs/consistency?from=5&to=2', 400, /from: must not exceed to/);
    await expectMessage('/v1/proofs/consistency?from=-1&to=2', 400, /from must not be negative/);
    await expectMessage(`/v1/proofs/consistency?from=1&to=${head + 10}`, 400, /to: the tree has/);
    await expectMessage('/v1/proofs/consistency?to=2', 400, /from must be an integer/);
    const proof = await gov.get(`/v1/proofs/inclusion?eventId=${first.eventId}`).expect(200);
    expect(proof.body).toMatchObject({ eventId: first.eventId, leafIndex: 0, treeSize: head });
    await request(t.app.getHttpServer()).get(`/v1/proofs/inclusion?eventId=${first.eventId}`).expect(401);
  });

  it('audit --url reads the log, checkpoints and proofs through the API (events with LEDGER_API_KEY)', async () => {
    const kept = (await request(t.app.getHttpServer()).get('/v1/checkpoint').expect(200)).text;
    const dir = mkdtempSync(join(tmpdir(), 'audit-url-'));
    writeFileSync(join(dir, 'kept'), kept);
    await (await t.as('gov-office')).post('/v1/events', task('writer-0-street', 99)).expect(201);
    const server = await t.app.listen(4431, '127.0.0.1');
    try {
      process.env.LEDGER_API_KEY = await t.keyFor('gov-office');
      const ok = await runCli(['audit', '--checkpoint', join(dir, 'kept'), '--key', key, '--url', 'http://127.0.0.1:4431']);
      expect(ok.stderr).toBe('');
      expect(ok).toMatchObject({ code: 0 });
      expect(ok.stdout).toMatch(/^ok: the log still holds the \d+ entries of the kept checkpoint/);
      // A checkpoint signed by someone else is refused before anything is read.
      const forged = kept.replace(/\n\d+\n/, '\n1\n');
      writeFileSync(join(dir, 'forged'), forged);
      const refused = await runCli(['audit', '--checkpoint', join(dir, 'forged'), '--key', key, '--url', 'http://127.0.0.1:4431']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/the kept checkpoint: the signature does not verify/);
    } finally {
      delete process.env.LEDGER_API_KEY;
      await new Promise((r) => server.close(r));
    }
  });

  it('ledger rebuild --tree makes the same tree again: a kept checkpoint still audits, proofs are unchanged', async () => {
    const kept = (await request(t.app.getHttpServer()).get('/v1/checkpoint').expect(200)).text;
    const { size } = openCheckpoint(kept, [parseVerifierKey(key)]);
    const gov = await t.as('gov-office');
    const before = (await gov.get(`/v1/proofs/consistency?from=3&to=${size}`).expect(200)).body;
    const rebuilt = await runCli(['rebuild', '--tree'], t.db.url);
    expect(rebuilt).toMatchObject({ code: 0 });
    expect(rebuilt.stdout).toMatch(/^rebuilt the Merkle tree of \d+ entries in /);
    const dir = mkdtempSync(join(tmpdir(), 'rebuild-tree-'));
    writeFileSync(join(dir, 'kept'), kept);
    expect(await runCli(['audit', '--checkpoint', join(dir, 'kept'), '--key', key], t.db.url)).toMatchObject({ code: 0 });
    expect((await gov.get(`/v1/proofs/consistency?from=3&to=${size}`).expect(200)).body).toEqual(before);
  });

  it('after a key rotation, checkpoints signed before verify with the retired key, new ones with the new key', async () => {
    const before = (await request(t.app.getHttpServer()).get('/v1/checkpoint').expect(200)).text;
    const settings = signingKeySettings(process.env, './.data');
    const rotated = rotateSigningKey(settings);
    const shown = await runCli(['signing-key', 'show', '--all'], t.db.url);
    expect(shown.stdout).toContain(`${key}  (retired)`);
    const newKey = lastLine(shown.stdout);
    expect(newKey).not.toBe(key);
    expect(parseVerifierKey(newKey).name).toBe(parseVerifierKey(key).name);
    expect(openCheckpoint(before, [parseVerifierKey(key)]).size).toBeGreaterThan(0);
    expect(() => openCheckpoint(before, [parseVerifierKey(newKey)])).toThrow();
    expect(rotated.retired.map((k) => k.keyId)).toContain(parseVerifierKey(key).keyId);
    // A new process (the CLI) signs with the new key; the kept checkpoint still audits against the old key's tree.
    const after = await runCli(['checkpoint'], t.db.url);
    expect(openCheckpoint(after.stdout, [parseVerifierKey(newKey)]).origin).toBe(parseVerifierKey(key).name);
  });
});
