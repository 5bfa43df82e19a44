import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import { verifyLedger } from '../../../libs/event-store/src/verify-ledger.js';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import { HEAVY_READS } from '../http/heavy-work.js';

@ApiTags('integrity')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1/verify')
export class VerifyHttpController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ApiOkResponse({ description: 'Every stream chain recomputed and positions checked: { ok, events, streams, head, problems }' })
  verify() {
    return HEAVY_READS.run(() => verifyLedger(this.store));
  }
}
