// Live API keys kept in memory, so an authenticated request costs no database round trip. A revocation can never be
// missed: the cache is only used while a LISTEN on `api_keys_changed` is connected (every change to api_keys
// notifies it, whoever makes it — migration 1767225607001); a notification drops the key, a lost listener drops
// everything and bypasses the cache until it is back. Unknown keys are never cached (a key issued later must work).
// docs/adr/0020-api-key-cache.md
import type { OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Actor } from '../../../events/index.js';
import { API_KEYS_CHANNEL } from '../../../libs/persistence/src/migrations/1767225607001-api-keys-notify.js';
import { ApiKeysRepository } from '../../../libs/application/src/api-keys.repository.js';

const MAX_ENTRIES = 10_000;
const RELISTEN_MS = 1000;

export class CachingApiKeysRepository extends ApiKeysRepository implements OnApplicationShutdown {
  private readonly live = new Map<string, Actor>();
  private listener: pg.PoolClient | null = null;
  /** Bumped by every notification: a lookup that started before one never fills the cache. */
  private generation = 0;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly keysPool: pg.Pool) {
    super(keysPool);
  }

  static async listening(pool: pg.Pool): Promise<CachingApiKeysRepository> {
    const repository = new CachingApiKeysRepository(pool);
    await repository.listen();
    return repository;
  }

  /** Starts listening; resolves once the LISTEN is in place (or failed: then the cache stays off until it is). */
  async listen(): Promise<void> {
    if (this.closed || this.listener) return;
    try {
      const client = await this.keysPool.connect();
      client.on('notification', (message) => this.forget(message.payload));
      const lost = () => this.lose(client);
      client.on('error', lost);
      client.on('end', lost);
      await client.query(`LISTEN ${API_KEYS_CHANNEL}`);
      this.listener = client;
    } catch {
      this.scheduleRelisten();
    }
  }

  override async actorOf(key: string): Promise<Actor | null> {
    if (!this.listener) return super.actorOf(key);
    const digest = sha256(key);
    const cached = this.live.get(digest);
    if (cached) return cached;
    const generation = this.generation;
    const actor = await super.actorOf(key);
    if (actor && this.listener && generation === this.generation) {
      if (this.live.size >= MAX_ENTRIES) this.live.clear();
      this.live.set(digest, actor);
    }
    return actor;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.listener;
    this.listener = null;
    this.live.clear();
    if (client) {
      await client.query(`UNLISTEN ${API_KEYS_CHANNEL}`).catch(() => undefined);
      client.release();
    }
  }

  private forget(payload: string | undefined): void {
    this.generation += 1;
    if (!payload || payload === '*') this.live.clear();
    else this.live.delete(payload.trim());
  }

  private lose(client: pg.PoolClient): void {
    if (this.listener !== client) return;
    this.listener = null;
    this.generation += 1;
    this.live.clear();
    client.release(true);
    this.scheduleRelisten();
  }

  private scheduleRelisten(): void {
    // A pool being shut down is not coming back: stop trying (and never hold the process open for it).
    if (this.closed || this.retry || (this.keysPool as pg.Pool & { ending?: boolean }).ending) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.listen();
    }, RELISTEN_MS);
    this.retry.unref();
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
