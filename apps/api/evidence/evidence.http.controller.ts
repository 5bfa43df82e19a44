// POST /v1/evidence (raw body, streamed) and GET /v1/evidence/:sha256 (streamed back). See docs/adr/0018.
import { BadRequestException, Controller, Get, HttpStatus, PayloadTooLargeException, Inject, NotFoundException, Param, Post, Req, Res, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import type { Actor } from '../../../events/index.js';
import { formatContentDisposition } from '../../../libs/evidence/src/content-disposition.js';
import { EvidenceRefusedError } from '../../../libs/evidence/src/evidence.errors.js';
import type { EvidenceStorage } from '../../../libs/evidence/src/evidence-storage.port.js';
import { MEDIA_TYPES } from '../../../libs/evidence/src/media-types.js';
import { CurrentActor } from '../auth/actor.decorator.js';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { EvidenceAccess } from './evidence-access.js';
import { EVIDENCE_STORAGE } from './evidence.tokens.js';
import { EvidenceUploadResponseDto } from './evidence-upload.response.dto.js';
import { uploadEvidence } from './upload-evidence.js';

export const EVIDENCE_MAX_MB = Symbol('EVIDENCE_MAX_MB');
const SHA256 = /^[0-9a-fA-F]{64}$/;

@ApiTags('evidence')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1/evidence')
export class EvidenceHttpController {
  constructor(
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
    @Inject(EVIDENCE_MAX_MB) private readonly maxMb: number,
    private readonly access: EvidenceAccess,
  ) {}

  @Post()
  @ApiConsumes(...MEDIA_TYPES.map((t) => t.mediaType), 'application/octet-stream')
  @ApiHeader({
    name: 'Content-Disposition',
    required: true,
    description:
      "The file name: `attachment; filename*=UTF-8''%E6%8A%BD%E6%9F%A5%E8%AE%B0%E5%BD%95.pdf` (RFC 5987, for names outside ASCII) or `attachment; filename=\"report.pdf\"`. Its extension must agree with Content-Type.",
  })
  @ApiBody({
    description:
      'The file itself as the raw request body (not multipart, not JSON), streamed. Accepted: PDF, OFD, JPEG, PNG, XLSX, XLS, DOCX, DOC, CSV, TXT, ZIP — checked from the bytes\' signature; application/octet-stream lets the extension decide. At most EVIDENCE_MAX_MB (default 50) MB.',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiResponse({ status: 201, description: 'Stored', type: EvidenceUploadResponseDto })
  @ApiResponse({ status: 200, description: 'The same bytes were stored already: nothing new kept, the upload recorded', type: EvidenceUploadResponseDto })
  @ApiResponse({ status: 400, description: 'Missing or bad file name, a type not accepted, or bytes that are not what Content-Type and extension say (naming both)' })
  @ApiResponse({ status: 413, description: 'Larger than EVIDENCE_MAX_MB' })
  async upload(@CurrentActor() actor: Actor, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<EvidenceUploadResponseDto> {
    try {
      const { created, ...answer } = await uploadEvidence(req, actor, this.storage, this.maxMb);
      res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
      return answer;
    } catch (error) {
      if (error instanceof EvidenceRefusedError) {
        throw error.kind === 'too-large' ? new PayloadTooLargeException(error.problems) : new BadRequestException(error.problems);
      }
      throw error;
    }
  }

  @Get(':sha256')
  @ApiParam({ name: 'sha256', description: 'The SHA-256 an upload answered (64 hex digits)' })
  @ApiProduces(...MEDIA_TYPES.map((t) => t.mediaType))
  @ApiOkResponse({ description: 'The bytes, streamed, with the media type and Content-Disposition (filename*) of the first upload', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: 'No such file, or none the caller may read (an event it may see references it, or its unit uploaded it): the two are not told apart' })
  async download(@CurrentActor() actor: Actor, @Param('sha256') raw: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const sha256 = raw.toLowerCase();
    const notFound = new NotFoundException([`sha256: no file ${raw} that you may read`]);
    if (!SHA256.test(raw) || !(await this.access.mayRead(actor, sha256))) throw notFound;
    const file = await this.storage.find(sha256);
    if (!file) throw notFound;
    res.setHeader('ETag', `"${file.sha256}"`);
    res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // One chunk ahead at most: the download's memory stays one 256 KiB row whatever the file's size.
    return new StreamableFile(Readable.from(this.storage.read(sha256), { highWaterMark: 1 }), {
      type: file.mediaType,
      length: file.size,
      disposition: formatContentDisposition(file.fileName),
    });
  }
}
