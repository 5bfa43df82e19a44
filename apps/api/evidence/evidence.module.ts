// Evidence files: upload, download, and who may use them. Built from the app's pool, store, rulebook and projector
// (passed in, like AppModule's), and exports EvidenceAccess for the append path. Authentication comes from the
// global AuthModule.
import { Module, type DynamicModule } from '@nestjs/common';
import { PostgresEvidenceStorage } from '../../../libs/evidence/src/postgres-evidence-storage.js';
import type { AppConfig } from '../../../libs/application/src/app.config.js';
import { EvidenceAccess, type EvidenceAccessDeps } from './evidence-access.js';
import { EVIDENCE_MAX_MB, EvidenceHttpController } from './evidence.http.controller.js';
import { EVIDENCE_DEPS, EVIDENCE_STORAGE } from './evidence.tokens.js';

@Module({})
export class EvidenceModule {
  static register(deps: EvidenceAccessDeps & { config: AppConfig }): DynamicModule {
    return {
      module: EvidenceModule,
      controllers: [EvidenceHttpController],
      providers: [
        { provide: EVIDENCE_STORAGE, useValue: new PostgresEvidenceStorage(deps.pool) },
        { provide: EVIDENCE_DEPS, useValue: deps },
        { provide: EVIDENCE_MAX_MB, useValue: deps.config.EVIDENCE_MAX_MB },
        EvidenceAccess,
      ],
      exports: [EvidenceAccess, EVIDENCE_STORAGE],
    };
  }
}
