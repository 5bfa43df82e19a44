// A 50 MB upload is streamed, never held: the process's resident memory grows by less than 20 MB while it passes
// through (request → inspector → 256 KiB chunk rows), and the download streams it back just as lightly. The client
// in this process generates and hashes the bytes on the fly, so it holds no copy either. Own file: the Jest worker
// then holds nothing else that could move the figure.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLedgerTestApp, type LedgerTestApp } from './support/ledger-test-app.js';

const MB = 1024 * 1024;
const CENTRE = 'admin-service-centre';

let t: LedgerTestApp;
let port: number;

/** A PDF-signed body of `size` bytes made 64 KiB at a time, hashed as it goes. */
function* pdfBody(size: number, seed: number, hash: ReturnType<typeof createHash>): Generator<Buffer> {
  const piece = Buffer.alloc(64 * 1024);
  for (let sent = 0; sent < size; sent += piece.length) {
    const n = Math.min(piece.length, size - sent);
    for (let i = 0; i < n; i += 4) piece.writeUInt32LE((sent + i) ^ seed, i);
    if (sent === 0) piece.write('%PDF-1.7\n', 0, 'latin1');
    const chunk = Buffer.from(piece.subarray(0, n));
    hash.update(chunk);
    yield chunk;
  }
}

async function uploadStream(size: number, seed: number, key: string): Promise<{ status: number; body: { sha256: string; size: number }; expected: string }> {
  const hash = createHash('sha256');
  const chunks = pdfBody(size, seed, hash);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/v1/evidence',
        headers: {
          Authorization: `Bearer ${key}`,
          'Content-Type': 'application/pdf',
          'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent('大文件.pdf')}`,
          'Content-Length': String(size),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), expected: hash.digest('hex') }));
      },
    );
    req.on('error', reject);
    const pump = () => {
      for (;;) {
        const next = chunks.next();
        if (next.done) return void req.end();
        if (!req.write(next.value)) return void req.once('drain', pump);
      }
    };
    pump();
  });
}

async function downloadHash(sha256: string, key: string): Promise<{ status: number; sha256: string; size: number }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: `/v1/evidence/${sha256}`, headers: { Authorization: `Bearer ${key}` } }, (res) => {
        const hash = createHash('sha256');
        let size = 0;
        res.on('data', (c: Buffer) => {
          hash.update(c);
          size += c.length;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, sha256: hash.digest('hex'), size }));
      })
      .on('error', reject);
  });
}

/** Peak RSS growth over `baseline` while `work` runs, sampled every 5 ms. */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growthMb: (peak - baseline) / MB };
  } finally {
    clearInterval(timer);
  }
}

beforeAll(async () => {
  t = await startLedgerTestApp('evidence_memory');
  const server = t.app.getHttpServer() as http.Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await t?.close();
});

it('a 50 MB upload grows the process by less than 20 MB, and its download streams the same bytes back', async () => {
  const key = await t.keyFor(CENTRE);
  // Warm up the code paths (JIT, pools, the first connection) so the measurement sees the upload only.
  const warm = await uploadStream(8 * MB, 1, key);
  expect(warm.status).toBe(201);

  const { result: up, growthMb } = await peakGrowth(() => uploadStream(50 * MB, 2, key));
  expect(up.status).toBe(201);
  expect(up.body).toMatchObject({ sha256: up.expected, size: 50 * MB });
  process.stdout.write(`evidence memory: 50 MB upload grew RSS by ${growthMb.toFixed(1)} MB\n`);
  expect(growthMb).toBeLessThan(20);

  const { result: down, growthMb: downGrowth } = await peakGrowth(() => downloadHash(up.body.sha256, key));
  expect(down).toEqual({ status: 200, sha256: up.expected, size: 50 * MB });
  process.stdout.write(`evidence memory: 50 MB download grew RSS by ${downGrowth.toFixed(1)} MB\n`);
  // The bound the issue sets is for the upload; the download is held to well under the 50 MB a buffered answer
  // would take (the client in this process adds its own socket buffers to the figure: ~12 MB idle, ~21 MB loaded).
  expect(downGrowth).toBeLessThan(30);
});
