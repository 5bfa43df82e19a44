// The checkpoint signing key (integrity.md §2): a PKCS#8 PEM file, never in the database, created with mode 0600
// on first use. Rotation moves the current verifier key to `<file>.retired` (public keys only, one a line), so
// checkpoints signed before stay verifiable, and writes a new key in place.
import { createPrivateKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { appendFileSync, existsSync, linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatVerifierKey, keyFingerprint, parseVerifierKey, rawPublicKey, verifierKeyOf, type VerifierKey } from './signed-note.js';

export interface SigningKeys {
  origin: string;
  privateKey: KeyObject;
  current: VerifierKey;
  /** Earlier keys, oldest first: checkpoints they signed still verify with them. */
  retired: VerifierKey[];
  keyFile: string;
}

export interface SigningKeySettings {
  keyFile: string;
  /** LEDGER_ORIGIN; unset: the origin of the first key (its name), or performance-ledger/<fingerprint>. */
  origin?: string;
}

export function signingKeySettings(env: Record<string, string | undefined>, dataDir: string): SigningKeySettings {
  return { keyFile: env.SIGNING_KEY_FILE || `${dataDir.replace(/\/$/, '')}/signing-key.pem`, origin: env.LEDGER_ORIGIN || undefined };
}

const retiredFile = (keyFile: string) => `${keyFile}.retired`;

function writeNewKey(path: string, replace: boolean): void {
  mkdirSync(dirname(path), { recursive: true });
  const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, pem, { mode: 0o600, flag: 'wx' });
  try {
    // link() fails if another process created the key meanwhile: the first key wins, the file is never half-written.
    if (replace) renameSync(tmp, path);
    else linkSync(tmp, path);
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  } finally {
    if (existsSync(tmp)) unlinkSync(tmp);
  }
}

function readRetired(keyFile: string): VerifierKey[] {
  if (!existsSync(retiredFile(keyFile))) return [];
  return readFileSync(retiredFile(keyFile), 'utf8').split('\n').filter((l) => l.trim() !== '').map(parseVerifierKey);
}

export function loadSigningKeys(settings: SigningKeySettings, options: { create?: boolean } = { create: true }): SigningKeys {
  if (!existsSync(settings.keyFile)) {
    if (options.create === false) throw new Error(`no signing key at ${settings.keyFile} (SIGNING_KEY_FILE); start the service once to create it`);
    writeNewKey(settings.keyFile, false);
  }
  const privateKey = createPrivateKey(readFileSync(settings.keyFile, 'utf8'));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`the signing key ${settings.keyFile} is not an Ed25519 key`);
  const retired = readRetired(settings.keyFile);
  const publicKey = rawPublicKey(privateKey);
  const origin = settings.origin ?? retired[0]?.name ?? `performance-ledger/${keyFingerprint(publicKey)}`;
  return { origin, privateKey, current: verifierKeyOf(origin, publicKey), retired, keyFile: settings.keyFile };
}

/** Retires the current key (its verifier key stays published) and makes a new one current. */
export function rotateSigningKey(settings: SigningKeySettings): SigningKeys {
  const before = loadSigningKeys(settings);
  // The origin stays: a reviewer's old checkpoint and the new ones name the same log.
  appendFileSync(retiredFile(settings.keyFile), `${formatVerifierKey(before.current)}\n`);
  writeNewKey(settings.keyFile, true);
  return loadSigningKeys({ ...settings, origin: before.origin });
}
