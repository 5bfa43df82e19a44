import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiAnswer } from '../openapi/api-answers.decorator.js';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import { verifyLedger } from '../../../libs/event-store/src/verify-ledger.js';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';

@ApiTags('integrity')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1/verify')
export class VerifyHttpController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ApiAnswer('Check the hash chains of the whole ledger', 200, 'ChainReport', 'Every stream chain recomputed and positions checked')
  verify() {
    return verifyLedger(this.store);
  }
}
