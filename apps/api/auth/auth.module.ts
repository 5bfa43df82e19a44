// Authentication once for the whole app: one key repository (with its revocation-aware cache and its LISTEN
// connection) and one failed-authentication limiter, shared by every module whose controllers use ApiKeyGuard.
// Global, so a feature module (evidence files) guards its routes with the same instances instead of its own copies.
import { Module, type DynamicModule } from '@nestjs/common';
import type pg from 'pg';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeysRepository } from '../../../libs/application/src/api-keys.repository.js';
import { CachingApiKeysRepository } from './caching-api-keys.repository.js';
import { FailedAuthLimiter } from './failed-auth.limiter.js';

@Module({})
export class AuthModule {
  static register(pool: pg.Pool, failuresPerMinute: number): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: ApiKeysRepository, useFactory: () => CachingApiKeysRepository.listening(pool) },
        { provide: FailedAuthLimiter, useValue: new FailedAuthLimiter(failuresPerMinute) },
        ApiKeyGuard,
      ],
      exports: [ApiKeysRepository, FailedAuthLimiter, ApiKeyGuard],
    };
  }
}
