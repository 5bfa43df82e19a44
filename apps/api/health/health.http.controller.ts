import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiAnswer } from '../openapi/api-answers.decorator.js';
import { ref } from '../openapi/api-schemas.js';
import type { Response } from 'express';
import type pg from 'pg';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import type { DatabaseServer } from '../../../libs/persistence/src/database-server.js';
import { DATABASE_SERVER, EVENT_STORE, PG_POOL, PROJECTOR } from '../infrastructure/tokens.js';
import type { Projector } from '../../../projections/index.js';

@ApiTags('health')
@Controller('health')
export class HealthHttpController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE_SERVER) private readonly server: DatabaseServer,
    @Inject(PROJECTOR) private readonly projector: Projector,
  ) {}

  @Get()
  @ApiAnswer('Database, event store and projections', 200, 'Health', 'Database and event store reachable')
  @ApiResponse({ status: 503, description: 'Database or event store unreachable', content: { 'application/json': { schema: ref('Health') } } })
  async health(@Res({ passthrough: true }) res: Response) {
    const database = await this.pool
      .query<{ server_version: string }>('SHOW server_version')
      .then((r) => ({ ok: true, server: this.server.kind, version: r.rows[0].server_version }))
      .catch((e: Error) => ({ ok: false, server: this.server.kind, error: e.message }));
    const eventStore = await this.store.health().catch((e: Error) => ({ kind: 'unknown', ok: false, detail: e.message }));
    const ok = database.ok && eventStore.ok;
    res.status(ok ? 200 : 503);
    const projections = { running: this.projector.running, position: this.projector.position, ...this.projector.status() };
    return { status: ok ? 'ok' : 'unavailable', database, eventStore, projections };
  }
}
