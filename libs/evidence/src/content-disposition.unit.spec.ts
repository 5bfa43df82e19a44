import { formatContentDisposition, parseFileName } from './content-disposition.js';

describe('file names in Content-Disposition', () => {
  it('reads RFC 5987 filename* (UTF-8, percent-encoded), which wins over filename', () => {
    const name = '抽查记录-2017-10-05.pdf';
    expect(parseFileName(`attachment; filename="fallback.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`)).toEqual({ ok: true, fileName: name });
    expect(parseFileName(`attachment; filename="report 1.pdf"`)).toEqual({ ok: true, fileName: 'report 1.pdf' });
  });

  it('keeps a name, never a path', () => {
    expect(parseFileName(`attachment; filename="C:\\\\Users\\\\x\\\\a.pdf"`)).toEqual({ ok: true, fileName: 'a.pdf' });
    expect(parseFileName(`attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd.txt`)).toEqual({ ok: true, fileName: 'passwd.txt' });
  });

  it('refuses a missing header, a bad encoding and control characters', () => {
    expect(parseFileName(undefined)).toMatchObject({ ok: false, reason: expect.stringMatching(/^is required/) });
    expect(parseFileName(`attachment; filename*=GBK''%BA%A3`)).toMatchObject({ ok: false });
    expect(parseFileName(`attachment; filename*=UTF-8''%E6%8A`)).toMatchObject({ ok: false });
    expect(parseFileName(`attachment; filename*=UTF-8''a%0Ab.pdf`)).toMatchObject({ ok: false });
    expect(parseFileName('attachment')).toMatchObject({ ok: false });
  });

  it('writes an ASCII fallback beside the exact name, and reads back what it wrote', () => {
    const header = formatContentDisposition('海滨街道 (10月).xlsx');
    expect(header).toBe(`attachment; filename="____ (10_).xlsx"; filename*=UTF-8''%E6%B5%B7%E6%BB%A8%E8%A1%97%E9%81%93%20%2810%E6%9C%88%29.xlsx`);
    expect(parseFileName(header)).toEqual({ ok: true, fileName: '海滨街道 (10月).xlsx' });
  });
});
