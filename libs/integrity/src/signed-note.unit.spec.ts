import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMPTY_TREE_HASH } from './merkle.js';
import {
  formatVerifierKey,
  openCheckpoint,
  parseVerifierKey,
  rawPublicKey,
  signCheckpoint,
  verifierKeyOf,
} from './signed-note.js';

const { privateKey } = generateKeyPairSync('ed25519');
const origin = 'performance-ledger/test';
const verifier = verifierKeyOf(origin, rawPublicKey(privateKey));
const checkpoint = { origin, size: 42, rootHash: createHash('sha256').update('x').digest(), time: '2026-11-29T12:00:00.000Z' };

describe('checkpoints as C2SP signed notes', () => {
  const note = signCheckpoint(checkpoint, privateKey);

  it('has the tlog-checkpoint body, a blank line and one em-dash signature line of key id ‖ 64-byte signature', () => {
    const lines = note.split('\n');
    expect(lines.slice(0, 5)).toEqual([origin, '42', checkpoint.rootHash.toString('base64'), 'time 2026-11-29T12:00:00.000Z', '']);
    expect(lines[5]).toMatch(new RegExp(`^\u2014 ${origin} [A-Za-z0-9+/]+=*$`));
    const blob = Buffer.from(lines[5].split(' ')[2], 'base64');
    expect(blob.length).toBe(68);
    expect(blob.subarray(0, 4).toString('hex')).toBe(verifier.keyId);
    expect(lines[6]).toBe('');
    expect(lines).toHaveLength(7);
  });

  it('verifies with a second Ed25519 implementation: openssl pkeyutl -verify -rawin over the body', () => {
    const dir = mkdtempSync(join(tmpdir(), 'note-'));
    const body = note.slice(0, note.indexOf('\n\n') + 1);
    const signature = Buffer.from(note.split('\n')[5].split(' ')[2], 'base64').subarray(4);
    writeFileSync(join(dir, 'body'), body);
    writeFileSync(join(dir, 'sig'), signature);
    writeFileSync(join(dir, 'pub.pem'), privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
    execFileSync('openssl', ['pkey', '-in', join(dir, 'pub.pem'), '-pubout', '-out', join(dir, 'key.pub')]);
    const ok = execFileSync('openssl', ['pkeyutl', '-verify', '-rawin', '-pubin', '-inkey', join(dir, 'key.pub'), '-in', join(dir, 'body'), '-sigfile', join(dir, 'sig')]).toString();
    expect(ok).toMatch(/Signature Verified Successfully/);
    writeFileSync(join(dir, 'body'), body.replace('\n42\n', '\n43\n'));
    expect(() => execFileSync('openssl', ['pkeyutl', '-verify', '-rawin', '-pubin', '-inkey', join(dir, 'key.pub'), '-in', join(dir, 'body'), '-sigfile', join(dir, 'sig')], { stdio: 'pipe' })).toThrow();
  });

  it('has a verifier key whose id recomputes independently from the name and the public key openssl derives', () => {
    const text = formatVerifierKey(verifier);
    const [, name, id, b64] = /^([^+]+)\+([^+]+)\+(.+)$/.exec(text)!;
    expect(name).toBe(origin);
    // The public key as openssl sees it (the last 32 bytes of the DER SubjectPublicKeyInfo), not via our code.
    const dir = mkdtempSync(join(tmpdir(), 'vkey-'));
    writeFileSync(join(dir, 'k.pem'), privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
    const der = execFileSync('openssl', ['pkey', '-in', join(dir, 'k.pem'), '-pubout', '-outform', 'DER']);
    const pub = der.subarray(der.length - 32);
    expect(Buffer.from(b64, 'base64').toString('hex')).toBe(`01${pub.toString('hex')}`);
    const expected = createHash('sha256').update(Buffer.concat([Buffer.from(`${origin}\n`), Buffer.of(1), pub])).digest().subarray(0, 4).toString('hex');
    expect(id).toBe(expected);
    expect(parseVerifierKey(text)).toEqual(verifier);
  });

  it('opens with its verifier key and refuses a changed body, another key, a bad key id or a mangled verifier key', () => {
    expect(openCheckpoint(note, [verifier])).toMatchObject({ origin, size: 42, time: checkpoint.time });
    expect(() => openCheckpoint(note.replace('\n42\n', '\n43\n'), [verifier])).toThrow(/does not verify/);
    const other = generateKeyPairSync('ed25519').privateKey;
    expect(() => openCheckpoint(note, [verifierKeyOf(origin, rawPublicKey(other))])).toThrow(/no signature by the given key/);
    expect(() => openCheckpoint(signCheckpoint(checkpoint, other), [verifier])).toThrow(/no signature/);
    const text = formatVerifierKey(verifier);
    expect(() => parseVerifierKey(text.replace(verifier.keyId, '00000000'))).toThrow(/key id does not match/);
    expect(() => parseVerifierKey(`other+${verifier.keyId}+${text.slice(text.indexOf('+', origin.length + 1) + 1)}`)).toThrow(/key id does not match/);
    expect(openCheckpoint(signCheckpoint({ ...checkpoint, size: 0, rootHash: EMPTY_TREE_HASH }, privateKey), [verifier]).size).toBe(0);
  });
});
