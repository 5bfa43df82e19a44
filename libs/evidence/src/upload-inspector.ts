// Watches an upload's bytes as they stream past, never holding them: counts and hashes them, stops at the size
// limit, and checks the signature of the first bytes (and, for text, every byte) against the declared type.
import { createHash, type Hash } from 'node:crypto';
import { EvidenceRefusedError } from './evidence.errors.js';
import { describeSignature, firstBinaryByte, signatureOf, SIGNATURE_LENGTH, type MediaType } from './media-types.js';

export class UploadInspector {
  private readonly hash: Hash = createHash('sha256');
  private head = Buffer.alloc(0);
  private headChecked = false;
  size = 0;

  constructor(
    private readonly declared: MediaType,
    private readonly maxBytes: number,
    private readonly limitName: string,
  ) {}

  /** Throws EvidenceRefusedError as soon as the bytes seen so far cannot be the declared type or exceed the limit. */
  inspect(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      throw new EvidenceRefusedError('too-large', [`body: larger than ${this.limitName} (${this.maxBytes} bytes)`]);
    }
    this.hash.update(chunk);
    if (!this.headChecked) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, SIGNATURE_LENGTH - this.head.length)]);
      if (this.head.length >= SIGNATURE_LENGTH) this.checkHead();
    }
    if (this.declared.signature === 'text') {
      const bad = firstBinaryByte(chunk);
      if (bad >= 0) {
        const offset = this.size - chunk.length + bad;
        throw new EvidenceRefusedError('invalid', [
          `body: the bytes are not ${this.declared.label} as declared (${this.declared.mediaType}): binary byte 0x${chunk[bad].toString(16).padStart(2, '0')} at offset ${offset}`,
        ]);
      }
    }
  }

  /** After the last chunk: the file's SHA-256 and size. */
  finish(): { sha256: string; size: number } {
    if (this.size === 0) throw new EvidenceRefusedError('invalid', ['body: the file is empty']);
    if (!this.headChecked) this.checkHead();
    return { sha256: this.hash.digest('hex'), size: this.size };
  }

  private checkHead(): void {
    this.headChecked = true;
    const found = signatureOf(this.head);
    const expected = this.declared.signature;
    // Text has no signature of its own: it must simply not be one of the binary kinds.
    if (expected === 'text' ? found === null : found === expected) return;
    throw new EvidenceRefusedError('invalid', [
      `body: the bytes are ${describeSignature(found)}, not ${this.declared.label} as declared (${this.declared.mediaType})`,
    ]);
  }
}
