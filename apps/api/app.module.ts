import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type pg from 'pg';
import type { EventStore } from '../../libs/event-store/src/event-store.port.js';
import type { DatabaseServer } from '../../libs/persistence/src/database-server.js';
import type { Rulebook } from '../../libs/rulebook/src/index.js';
import { AuthModule } from './auth/auth.module.js';
import type { AppConfig } from '../../libs/application/src/app.config.js';
import { AppendEventsHandler } from './events/append-events.handler.js';
import { EventsHttpController } from './events/events.http.controller.js';
import { ListEventsHandler } from './events/list-events.handler.js';
import { HealthHttpController } from './health/health.http.controller.js';
import { AppendRefusedFilter } from './http/append-refused.filter.js';
import { HttpErrorShapeFilter } from './http/http-error-shape.filter.js';
import { UnexpectedErrorFilter } from './http/unexpected-error.filter.js';
import { APP_CONFIG, DATABASE_SERVER, EVENT_STORE, PG_POOL, PROJECTOR, RULEBOOK } from './infrastructure/tokens.js';
import { ScoresHandler } from './scores/scores.handler.js';
import { ScoresHttpController } from './scores/scores.http.controller.js';
import { VerifyHttpController } from './verify/verify.http.controller.js';
import { PublishResultsHandler } from './results/publish-results.handler.js';
import { ResultsHttpController } from './results/results.http.controller.js';
import { UnitsHttpController } from './units/units.http.controller.js';
import { ReadModelsHttpController } from './read-models/read-models.http.controller.js';
import { ReadModels } from './read-models/read-models.service.js';
import { RankingsAt } from '../../libs/application/src/rankings/rankings-at.js';
import { HEAVY_READS } from './http/heavy-work.js';
import { Reports } from '../../libs/application/src/reports/reports.js';
import { ReportsHttpController } from './reports/reports.http.controller.js';
import type { Projector } from '../../projections/index.js';
import { CheckpointHttpController, ProofsHttpController } from './integrity/integrity.http.controller.js';
import { IntegrityService } from './integrity/integrity.service.js';
import { EvidenceModule } from './evidence/evidence.module.js';
import { ConsoleHttpController } from './console/console.http.controller.js';

export interface AppDependencies {
  config: AppConfig;
  server: DatabaseServer;
  pool: pg.Pool;
  store: EventStore;
  rulebook: Rulebook;
  projector: Projector;
}

@Module({})
export class AppModule {
  /** The pool and the store are built before Nest, so start-up order and shutdown stay in one visible place. */
  static register(deps: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), AuthModule.register(deps.pool, deps.config.AUTH_FAILURES_PER_MINUTE), EvidenceModule.register(deps)],
      controllers: [HealthHttpController, EventsHttpController, ScoresHttpController, VerifyHttpController, ResultsHttpController, UnitsHttpController, ReadModelsHttpController, CheckpointHttpController, ProofsHttpController, ReportsHttpController, ConsoleHttpController],
      providers: [
        { provide: APP_CONFIG, useValue: deps.config },
        { provide: DATABASE_SERVER, useValue: deps.server },
        { provide: PG_POOL, useValue: deps.pool },
        { provide: EVENT_STORE, useValue: deps.store },
        { provide: RULEBOOK, useValue: deps.rulebook },
        { provide: PROJECTOR, useValue: deps.projector },
        ReadModels,
        // Plain classes of libs/application (the CLI builds them too), wired here with the API's dependencies.
        { provide: RankingsAt, useFactory: () => new RankingsAt(deps.pool, deps.store, deps.rulebook) },
        {
          provide: Reports,
          useFactory: (rankingsAt: RankingsAt) => new Reports(deps.pool, deps.store, deps.rulebook, rankingsAt, (work) => HEAVY_READS.run(work)),
          inject: [RankingsAt],
        },
        { provide: IntegrityService, useFactory: () => new IntegrityService(deps.pool, deps.store, deps.config.DATA_DIR) },
        { provide: APP_FILTER, useClass: UnexpectedErrorFilter },
        { provide: APP_FILTER, useClass: HttpErrorShapeFilter },
        { provide: APP_FILTER, useClass: AppendRefusedFilter },
        AppendEventsHandler,
        ListEventsHandler,
        ScoresHandler,
        PublishResultsHandler,
      ],
    };
  }
}
