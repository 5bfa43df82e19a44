// GET /health: for a load balancer, only up or down (200 / 503) — no versions, positions or error texts to a caller
// without a key. With a valid API key it adds the detail: database, event store, projections and the events the read
// models had to leave out (a date an older version stored unchecked; see `ledger verify`).
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiAnswer } from '../openapi/api-answers.decorator.js';
import { ref } from '../openapi/api-schemas.js';
import type pg from 'pg';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import type { DatabaseServer } from '../../../libs/persistence/src/database-server.js';
import { DATABASE_SERVER, EVENT_STORE, PG_POOL, PROJECTOR } from '../infrastructure/tokens.js';
import { readUnusable, type Projector } from '../../../projections/index.js';
import { ApiKeysRepository } from '../../../libs/application/src/api-keys.repository.js';
import { noteCaller } from '../logging/request-context.js';

@ApiTags('health')
@Controller('health')
export class HealthHttpController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE_SERVER) private readonly server: DatabaseServer,
    @Inject(PROJECTOR) private readonly projector: Projector,
    private readonly keys: ApiKeysRepository,
  ) {}

  @Get()
  @ApiAnswer('Up or down; with an API key, the detail: database, event store, projections, unusable events', 200, 'Health', 'Database and event store reachable')
  @ApiResponse({ status: 503, description: 'Database or event store unreachable', content: { 'application/json': { schema: ref('Health') } } })
  async health(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const database = await this.pool
      .query<{ server_version: string }>('SHOW server_version')
      .then((r) => ({ ok: true, server: this.server.kind, version: r.rows[0].server_version }))
      .catch((e: Error) => ({ ok: false, server: this.server.kind, error: e.message }));
    const eventStore = await this.store.health().catch((e: Error) => ({ kind: 'unknown', ok: false, detail: e.message }));
    const ok = database.ok && eventStore.ok;
    res.status(ok ? 200 : 503);
    const status = ok ? 'ok' : 'unavailable';
    if (!ok || !(await this.hasKey(req))) return { status };
    const projections = { running: this.projector.running, position: this.projector.position, ...this.projector.status() };
    const unusableEvents = await readUnusable(this.pool).catch(() => null);
    return { status, database, eventStore, projections, unusableEvents };
  }

  private async hasKey(req: Request): Promise<boolean> {
    const match = /^Bearer\s+(\S{1,200})$/i.exec(req.headers.authorization ?? '');
    if (!match) return false;
    const actor = await this.keys.actorOf(match[1]).catch(() => null);
    if (actor) noteCaller(req, actor);
    return actor !== null;
  }
}
