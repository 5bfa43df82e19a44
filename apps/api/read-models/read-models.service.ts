// The read models answer lists across all units fast, but follow the store a moment behind. Before a read we wait
// (briefly) for them to reach the current head, so a caller sees what it has just appended.
import { Inject, Injectable, Logger } from '@nestjs/common';
import type pg from 'pg';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import type { Projector } from '../../../projections/index.js';
import { EVENT_STORE, PG_POOL, PROJECTOR } from '../infrastructure/tokens.js';

const FRESHNESS_WAIT_MS = 2000;

@Injectable()
export class ReadModels {
  private readonly logger = new Logger('read-models');

  constructor(
    @Inject(PG_POOL) readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTOR) private readonly projector: Projector,
  ) {}

  /** The position the read models have reached, after waiting up to 2 s for them to catch up with the head. */
  async fresh(): Promise<{ position: number; head: number }> {
    const head = (await this.store.head()).position;
    await this.projector.waitFor(head, FRESHNESS_WAIT_MS).catch((e: Error) => this.logger.warn(e.message));
    return { position: this.projector.position, head };
  }
}
