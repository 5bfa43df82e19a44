// `npm run bench:evidence [-- --quick]`: evidence files through the real API (a child process, as in production).
// Prints upload throughput (MB/s) for 1 MB and 50 MB files and the latency (p50, p99) of downloading one 1 MB file
// under 10 concurrent clients. The bodies are generated and hashed on the fly, never held whole.
//   --quick   fewer repetitions (1 MB × 10, 50 MB × 1, 10 clients × 20 downloads): well under a minute
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { API_MAIN, issueApiKey } from './support/api-process.js';
import { benchDatabase, dropDatabase, openBenchServer, recreateDatabase } from './support/database.js';
import { percentile, say } from './support/time.js';

const MB = 1024 * 1024;
// Inside the port range reserved for this benchmark.
const PORT = Number(process.env.EVIDENCE_BENCH_PORT ?? 4650);
const UNIT = 'admin-service-centre';

function* pdfBody(size: number, seed: number): Generator<Buffer> {
  const piece = Buffer.alloc(64 * 1024);
  for (let sent = 0; sent < size; sent += piece.length) {
    const n = Math.min(piece.length, size - sent);
    for (let i = 0; i < n; i += 4) piece.writeUInt32LE(((sent + i) ^ seed) >>> 0, i);
    if (sent === 0) piece.write('%PDF-1.7\n', 0, 'latin1');
    yield Buffer.from(piece.subarray(0, n));
  }
}

function upload(key: string, size: number, seed: number): Promise<{ status: number; sha256: string; ms: number }> {
  const started = performance.now();
  const chunks = pdfBody(size, seed);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: PORT,
        method: 'POST',
        path: '/v1/evidence',
        headers: {
          Authorization: `Bearer ${key}`,
          'Content-Type': 'application/pdf',
          'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`基准-${seed}.pdf`)}`,
          'Content-Length': String(size),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, sha256: (JSON.parse(text) as { sha256: string }).sha256, ms: performance.now() - started }));
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

const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });

function download(key: string, sha256: string): Promise<{ ms: number; bytes: number; sha256: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: PORT, path: `/v1/evidence/${sha256}`, agent, headers: { Authorization: `Bearer ${key}` } }, (res) => {
        const hash = createHash('sha256');
        let bytes = 0;
        res.on('data', (c: Buffer) => {
          hash.update(c);
          bytes += c.length;
        });
        res.on('end', () => resolve({ ms: performance.now() - started, bytes, sha256: hash.digest('hex') }));
      })
      .on('error', reject);
  });
}

async function startApi(url: string): Promise<() => Promise<void>> {
  const child = spawn(process.execPath, [API_MAIN], { env: { ...process.env, DATABASE_URL: url, PORT: String(PORT), NODE_ENV: 'production' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (c: Buffer) => (errors = (errors + c.toString()).slice(-4000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  for (const deadline = Date.now() + 60_000; ; ) {
    if (child.exitCode !== null) throw new Error(`the API exited before listening on ${PORT}:\n${errors}`);
    if (await fetch(`http://127.0.0.1:${PORT}/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error(`the API did not answer on ${PORT} within 60 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return async () => {
    child.kill('SIGTERM');
    await exited;
  };
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const server = await openBenchServer();
  const url = benchDatabase(server.url, 'bench_evidence_test');
  await recreateDatabase(url);
  const stop = await startApi(url);
  try {
    const key = await issueApiKey(url, UNIT);
    const throughput = async (size: number, count: number, seedBase: number) => {
      let ms = 0;
      for (let i = 0; i < count; i++) {
        const r = await upload(key, size, seedBase + i);
        if (r.status !== 201) throw new Error(`upload answered ${r.status}`);
        ms += r.ms;
      }
      return (size * count) / MB / (ms / 1000);
    };
    await throughput(MB, 2, 1); // warm-up
    const small = await throughput(MB, quick ? 10 : 50, 100);
    say(`upload 1 MB: ${small.toFixed(1)} MB/s`);
    const large = await throughput(50 * MB, quick ? 1 : 3, 1000);
    say(`upload 50 MB: ${large.toFixed(1)} MB/s`);

    const file = await upload(key, MB, 7);
    const perClient = quick ? 20 : 100;
    const latencies: number[] = [];
    await download(key, file.sha256);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let i = 0; i < perClient; i++) {
          const r = await download(key, file.sha256);
          if (r.bytes !== MB || r.sha256 !== file.sha256) throw new Error('a download returned other bytes');
          latencies.push(r.ms);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    say(
      `download 1 MB, 10 clients × ${perClient}: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, ` +
        `${(latencies.length / seconds).toFixed(0)} req/s (${((latencies.length * MB) / MB / seconds).toFixed(0)} MB/s)`,
    );
    process.stdout.write(
      `${JSON.stringify({ quick, uploadMBps: { '1MB': Number(small.toFixed(1)), '50MB': Number(large.toFixed(1)) }, download1MB10Clients: { p50Ms: Number(percentile(latencies, 50).toFixed(1)), p99Ms: Number(percentile(latencies, 99).toFixed(1)) } })}\n`,
    );
  } finally {
    agent.destroy();
    await stop();
    await dropDatabase(url);
    await server.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
