import { declaredMediaType, firstBinaryByte, signatureOf } from './media-types.js';
import { UploadInspector } from './upload-inspector.js';
import { EvidenceRefusedError } from './evidence.errors.js';
import { createHash } from 'node:crypto';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('media types', () => {
  it.each([
    ['pdf', bytes(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37)],
    ['png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)],
    ['jpeg', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46)],
    ['zip', bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0)],
    ['zip', bytes(0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0)],
    ['ole2', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)],
    [null, Buffer.from('单位,指标', 'utf8')],
  ])('tells %s from its first bytes', (expected, head) => {
    expect(signatureOf(head)).toBe(expected);
  });

  it('takes the type from Content-Type and extension when they agree, aliases and parameters included', () => {
    expect(declaredMediaType('text/csv; charset=utf-8', '清单.CSV')).toMatchObject({ ok: true, type: { mediaType: 'text/csv' } });
    expect(declaredMediaType('image/jpg', 'a.jpeg')).toMatchObject({ ok: true, type: { mediaType: 'image/jpeg' } });
    expect(declaredMediaType('application/octet-stream', 'a.ofd')).toMatchObject({ ok: true, type: { mediaType: 'application/ofd' } });
  });

  it('refuses disagreement, unknown types and missing extensions, naming the field', () => {
    expect(declaredMediaType('application/pdf', 'a.docx')).toEqual({ ok: false, field: 'fileName', reason: 'the extension .docx is a DOCX document, but Content-Type says application/pdf' });
    expect(declaredMediaType('application/x-msdownload', 'a.pdf')).toMatchObject({ ok: false, field: 'Content-Type' });
    expect(declaredMediaType('application/pdf', 'README')).toMatchObject({ ok: false, field: 'fileName' });
    expect(declaredMediaType(undefined, 'a.pdf')).toMatchObject({ ok: false, field: 'Content-Type' });
  });

  it('lets text hold tabs, line ends and any encoding, but no other control byte', () => {
    expect(firstBinaryByte(Buffer.from('a\tb\r\n海滨\f', 'utf8'))).toBe(-1);
    expect(firstBinaryByte(Buffer.from([0xba, 0xa3, 0xb1, 0xf5]))).toBe(-1); // 海滨 in GBK
    expect(firstBinaryByte(Buffer.from([0x41, 0x00]))).toBe(1);
  });
});

describe('upload inspector', () => {
  const pdf = declaredMediaType('application/pdf', 'a.pdf');
  if (!pdf.ok) throw new Error('pdf');

  it('hashes and counts what passes, however it is cut', () => {
    const body = Buffer.from('%PDF-1.4\n' + 'x'.repeat(1000));
    const inspector = new UploadInspector(pdf.type, 10_000, 'LIMIT');
    for (let i = 0; i < body.length; i += 3) inspector.inspect(body.subarray(i, i + 3));
    expect(inspector.finish()).toEqual({ sha256: createHash('sha256').update(body).digest('hex'), size: body.length });
  });

  it('stops at the limit, naming it', () => {
    const inspector = new UploadInspector(pdf.type, 10, 'EVIDENCE_MAX_MB (1 MB)');
    expect(() => inspector.inspect(Buffer.from('%PDF-1.4\nabc'))).toThrow(new EvidenceRefusedError('too-large', ['body: larger than EVIDENCE_MAX_MB (1 MB) (10 bytes)']));
  });

  it('judges a file shorter than a signature at its end', () => {
    const inspector = new UploadInspector(pdf.type, 100, 'LIMIT');
    inspector.inspect(Buffer.from('%PD'));
    expect(() => inspector.finish()).toThrow(/the bytes are of no accepted kind/);
  });
});
