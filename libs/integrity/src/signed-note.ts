// C2SP signed notes with Ed25519 and the tlog-checkpoint body (integrity.md §2). Pure: node:crypto only; the
// private key arrives as a KeyObject, the clock as an argument.
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

const ED25519_ALG = 0x01;
const SIGNATURE_PREFIX = '\u2014 ';
// The DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface VerifierKey {
  name: string;
  /** 4 bytes, as 8 lowercase hex digits. */
  keyId: string;
  /** The 32-byte Ed25519 public key. */
  publicKey: Buffer;
}

/** The first 4 bytes of SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ public key). */
export function keyIdOf(name: string, publicKey: Buffer): Buffer {
  return createHash('sha256').update(name, 'utf8').update(Buffer.of(0x0a, ED25519_ALG)).update(publicKey).digest().subarray(0, 4);
}

export function rawPublicKey(key: KeyObject): Buffer {
  const spki = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'der', type: 'spki' });
  if (spki.length !== 44 || !spki.subarray(0, 12).equals(ED25519_SPKI_PREFIX)) throw new Error('not an Ed25519 key');
  return spki.subarray(12);
}

export function publicKeyObject(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** A short fingerprint of a key independent of any name: the first 8 hex digits of SHA-256(0x01 ‖ public key). */
export function keyFingerprint(publicKey: Buffer): string {
  return createHash('sha256').update(Buffer.of(ED25519_ALG)).update(publicKey).digest('hex').slice(0, 8);
}

function checkName(name: string): void {
  if (name.length === 0 || /[\s+]/.test(name)) throw new Error(`key name "${name}" must be non-empty, without spaces or "+"`);
}

export function verifierKeyOf(name: string, publicKey: Buffer): VerifierKey {
  checkName(name);
  return { name, keyId: keyIdOf(name, publicKey).toString('hex'), publicKey };
}

/** `<name>+<key id hex>+<base64(0x01 ‖ public key)>` */
export function formatVerifierKey(key: VerifierKey): string {
  return `${key.name}+${key.keyId}+${Buffer.concat([Buffer.of(ED25519_ALG), key.publicKey]).toString('base64')}`;
}

export class NoteError extends Error {
  override readonly name = 'NoteError';
}

/** Parses and checks a verifier key text: the id must be the one its name and key give. */
export function parseVerifierKey(text: string): VerifierKey {
  // The name has no "+" and the key id none; base64 may have some, so split at the first two only.
  const match = /^([^+\s]+)\+([^+]*)\+(\S+)$/.exec(text.trim());
  if (!match) throw new NoteError('a verifier key is <name>+<key id>+<base64 key>');
  const [, name, keyId, b64] = match;
  if (!/^[0-9a-f]{8}$/.test(keyId)) throw new NoteError('the key id of a verifier key is 8 lowercase hex digits');
  const raw = Buffer.from(b64, 'base64');
  if (raw.toString('base64') !== b64 || raw.length !== 33 || raw[0] !== ED25519_ALG) throw new NoteError('the key of a verifier key is base64 of 0x01 and a 32-byte Ed25519 key');
  const publicKey = raw.subarray(1);
  if (keyIdOf(name, publicKey).toString('hex') !== keyId) throw new NoteError('the key id does not match the name and key of the verifier key');
  return { name, keyId, publicKey };
}

/** Signs a note body (every line ends in a newline) with Ed25519 and appends the signature line. */
export function signNote(body: string, name: string, privateKey: KeyObject): string {
  if (!body.endsWith('\n') || body.includes('\n\n')) throw new Error('a note body ends in a newline and has no blank line');
  checkName(name);
  const signature = sign(null, Buffer.from(body, 'utf8'), privateKey);
  const keyId = keyIdOf(name, rawPublicKey(privateKey));
  return `${body}\n${SIGNATURE_PREFIX}${name} ${Buffer.concat([keyId, signature]).toString('base64')}\n`;
}

export interface OpenedNote {
  body: string;
  /** The verifier that signed it. */
  verifiedBy: VerifierKey;
}

/** Splits a note, finds a signature by one of `verifiers` and checks it; throws a NoteError saying why not. */
export function openNote(note: string, verifiers: readonly VerifierKey[]): OpenedNote {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new NoteError('not a signed note: no blank line before the signatures, or no final newline');
  const body = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  let sawOurs = false;
  for (const line of lines) {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
    if (!match) throw new NoteError(`malformed signature line: ${JSON.stringify(line)}`);
    const [, name, b64] = match;
    const blob = Buffer.from(b64, 'base64');
    if (blob.length < 5) throw new NoteError('a signature is too short');
    const keyId = blob.subarray(0, 4).toString('hex');
    const key = verifiers.find((v) => v.name === name && v.keyId === keyId);
    if (!key) continue;
    sawOurs = true;
    if (blob.length === 68 && verify(null, Buffer.from(body, 'utf8'), publicKeyObject(key.publicKey), blob.subarray(4))) {
      return { body, verifiedBy: key };
    }
  }
  throw new NoteError(sawOurs ? 'the signature does not verify: the note was changed or not signed by this key' : 'no signature by the given key');
}

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Buffer;
  /** The `time` extension line: when it was signed (ISO 8601 UTC with milliseconds). */
  time: string;
}

export function formatCheckpointBody(c: Checkpoint): string {
  return `${c.origin}\n${c.size}\n${c.rootHash.toString('base64')}\ntime ${c.time}\n`;
}

export function signCheckpoint(c: Checkpoint, privateKey: KeyObject): string {
  return signNote(formatCheckpointBody(c), c.origin, privateKey);
}

export function parseCheckpointBody(body: string): Checkpoint {
  const lines = body.split('\n');
  lines.pop();
  if (lines.length < 3) throw new NoteError('a checkpoint has an origin, a size and a root hash line');
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) throw new NoteError(`checkpoint size "${sizeText}" is not a decimal number`);
  const rootHash = Buffer.from(rootText, 'base64');
  if (rootHash.length !== 32 || rootHash.toString('base64') !== rootText) throw new NoteError('the checkpoint root is not the base64 of 32 bytes');
  const timeLine = extensions.find((l) => l.startsWith('time '));
  return { origin, size: Number(sizeText), rootHash, time: timeLine ? timeLine.slice(5) : '' };
}

/** Verifies a signed checkpoint with one of the verifier keys; its origin must be the key's name. */
export function openCheckpoint(note: string, verifiers: readonly VerifierKey[]): Checkpoint & { verifiedBy: VerifierKey } {
  const opened = openNote(note, verifiers);
  const checkpoint = parseCheckpointBody(opened.body);
  if (checkpoint.origin !== opened.verifiedBy.name) throw new NoteError(`the checkpoint's origin "${checkpoint.origin}" is not its key's name "${opened.verifiedBy.name}"`);
  return { ...checkpoint, verifiedBy: opened.verifiedBy };
}
