import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type pg from 'pg';
import type { EventStore } from '../../libs/event-store/src/event-store.port.js';
import type { DatabaseServer } from '../../libs/persistence/src/database-server.js';
import type { AppConfig } from './config/app.config.js';
import { HealthHttpController } from './health/health.http.controller.js';
import { APP_CONFIG, DATABASE_SERVER, EVENT_STORE, PG_POOL } from './infrastructure/tokens.js';

export interface AppDependencies {
  config: AppConfig;
  server: DatabaseServer;
  pool: pg.Pool;
  store: EventStore;
}

@Module({})
export class AppModule {
  /** The pool and the store are built before Nest, so start-up order and shutdown stay in one visible place. */
  static register(deps: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot()],
      controllers: [HealthHttpController],
      providers: [
        { provide: APP_CONFIG, useValue: deps.config },
        { provide: DATABASE_SERVER, useValue: deps.server },
        { provide: PG_POOL, useValue: deps.pool },
        { provide: EVENT_STORE, useValue: deps.store },
      ],
    };
  }
}
