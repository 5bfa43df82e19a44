// Report downloads: the rankings, one unit's 扣分明细, and a published result, as XLSX, CSV or PDF. Who may read
// what is exactly the JSON routes' policy: the rankings as GET /v1/rankings, a unit as GET /v1/scores?unitId=, a
// published result as GET /v1/results/:id.
import { BadRequestException, Controller, ForbiddenException, Get, Inject, NotFoundException, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { UNIT_ID_PATTERN, type Actor } from '../../../events/index.js';
import type { EventStore } from '../../../libs/event-store/src/event-store.port.js';
import type { Rulebook } from '../../../libs/rulebook/src/index.js';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { CurrentActor } from '../auth/actor.decorator.js';
import { mayReadEverything, mayReadUnit, readScopeOf } from '../auth/read-policy.js';
import { EVENT_STORE, RULEBOOK } from '../infrastructure/tokens.js';
import { CONTENT_TYPES, REPORT_FORMATS, contentDisposition, isReportFormat, renderReport, type ReportFormat } from '../../../libs/application/src/reports/report-format.js';
import { ReportNotFound } from '../../../libs/application/src/reports/report-pin.js';
import { ReportRequestDto } from './report.request.dto.js';
import type { Report } from '../../../libs/application/src/reports/report.model.js';
import { findPublishedResult, Reports } from '../../../libs/application/src/reports/reports.js';
import { ReadModels } from '../read-models/read-models.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const binary = { schema: { type: 'string', format: 'binary' } };
const FileResponses = (description: string) => (target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
  ApiProduces(...Object.values(CONTENT_TYPES))(target, key, descriptor);
  ApiParam({ name: 'format', enum: REPORT_FORMATS, description: 'xlsx, csv (UTF-8 with BOM, RFC 4180) or pdf (A4)' })(target, key, descriptor);
  ApiOkResponse({
    description: `${description}. Content-Disposition names the file in Chinese (RFC 5987 filename*).`,
    content: Object.fromEntries(Object.values(CONTENT_TYPES).map((type) => [type, binary])),
  })(target, key, descriptor);
  ApiBadRequestResponse({ description: 'an unknown format, or a bad asOf / knownAt; the message names the field' })(target, key, descriptor);
  ApiForbiddenResponse({ description: 'the caller may not read this report' })(target, key, descriptor);
  ApiNotFoundResponse({ description: 'no such unit or result, or an empty ledger' })(target, key, descriptor);
};

function formatOf(value: string): ReportFormat {
  if (!isReportFormat(value)) throw new BadRequestException([`format: must be one of ${REPORT_FORMATS.join(', ')}, not "${value}"`]);
  return value;
}

@ApiTags('reports')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1')
export class ReportsHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
    @Inject(Reports) private readonly reports: Reports,
    @Inject(ReadModels) private readonly readModels: ReadModels,
  ) {}

  @Get('reports/rankings.:format')
  @FileResponses('Every unit ranked by overall, with its six parts; header: assessment, rulebook, asOf, knownAt, ledger position and hash')
  async rankings(@CurrentActor() actor: Actor, @Param('format') format: string, @Query() query: ReportRequestDto, @Res() res: Response) {
    const as = formatOf(format);
    const scope = readScopeOf(actor, this.rulebook);
    if (!mayReadEverything(scope) && scope.ledIndicators.size === 0) {
      throw new ForbiddenException([`actor: "${actor.unitId}" may read its own scores, not the rankings of every unit`]);
    }
    // As GET /v1/rankings: let the read models catch up with the head first.
    await this.readModels.fresh();
    await this.send(res, await found(this.reports.rankings(query)), as);
  }

  @Get('reports/units/:unitId.:format')
  @ApiParam({ name: 'unitId', example: 'haibin-street' })
  @FileResponses("One unit's 扣分明细: every indicator, every point lost or earned with its rule, interpretations, events and evidence, and its disputes")
  async unit(@CurrentActor() actor: Actor, @Param('unitId') unitId: string, @Param('format') format: string, @Query() query: ReportRequestDto, @Res() res: Response) {
    const as = formatOf(format);
    if (!UNIT_ID_PATTERN.test(unitId)) throw new BadRequestException(['unitId: must be a unit id (lowercase letters, digits and hyphens)']);
    if (!mayReadUnit(readScopeOf(actor, this.rulebook), unitId)) {
      throw new ForbiddenException([`unitId: "${actor.unitId}" may not read the scores of "${unitId}"`]);
    }
    await this.send(res, await found(this.reports.unit(unitId, query)), as);
  }

  @Get('results/:id/report.:format')
  @ApiParam({ name: 'id', description: 'the ResultsPublished event id' })
  @FileResponses('A published result as a rankings report, recomputed at the head it pins, with the published and recomputed scores digests')
  async result(@Param('id') id: string, @Param('format') format: string, @Res() res: Response) {
    const as = formatOf(format);
    if (!UUID.test(id)) throw new BadRequestException(['id: must be the UUID of a ResultsPublished event']);
    const published = await found(findPublishedResult(this.store, id));
    await this.send(res, await found(this.reports.result(published)), as);
  }

  /** The report is built whole before the first byte, so any refusal is still an ordinary error response. */
  private async send(res: Response, report: Report, format: ReportFormat): Promise<void> {
    res.status(200);
    res.setHeader('Content-Type', CONTENT_TYPES[format]);
    res.setHeader('Content-Disposition', contentDisposition(report, format));
    res.setHeader('Cache-Control', 'private, no-store');
    try {
      await pipeline(await renderReport(report, format), res);
    } catch (error) {
      // Headers are gone: all that is left is to cut the response short so the client sees an incomplete file.
      res.destroy(error as Error);
    }
  }
}

async function found<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ReportNotFound) throw new NotFoundException([error.message]);
    throw error;
  }
}
