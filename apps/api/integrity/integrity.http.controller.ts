// The verifiable ledger over HTTP (integrity.md §3). Checkpoints and verifier keys reveal only sizes and hashes, so
// they are public; proofs need an API key like the rest of /v1.
import { BadRequestException, Controller, Get, Header, Inject, NotFoundException, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { ConsistencyProofDto, ConsistencyProofRequestDto, InclusionProofDto, InclusionProofRequestDto, VerifierKeysDto } from './integrity.dto.js';
import { IntegrityService, ProofRequestError } from './integrity.service.js';

function asHttp(error: unknown): never {
  if (error instanceof ProofRequestError) {
    if (error.kind === 'not_found') throw new NotFoundException([error.message]);
    throw new BadRequestException([error.message]);
  }
  if (error instanceof RangeError) throw new BadRequestException([error.message]);
  throw error;
}

@ApiTags('integrity')
@Controller('v1/checkpoint')
export class CheckpointHttpController {
  constructor(@Inject(IntegrityService) private readonly integrity: IntegrityService) {}

  @Get()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The latest checkpoint: a C2SP tlog-checkpoint in a signed note (Ed25519)', schema: { type: 'string' } })
  async checkpoint(): Promise<string> {
    return (await this.integrity.latestCheckpoint()).note;
  }

  @Get('keys')
  @ApiOkResponse({ type: VerifierKeysDto, description: 'The verifier keys, current and retired' })
  keys(): VerifierKeysDto {
    return this.integrity.verifierKeys();
  }
}

@ApiTags('integrity')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1/proofs')
export class ProofsHttpController {
  constructor(@Inject(IntegrityService) private readonly integrity: IntegrityService) {}

  @Get('inclusion')
  @ApiOkResponse({ type: InclusionProofDto })
  async inclusion(@Query() query: InclusionProofRequestDto): Promise<InclusionProofDto> {
    try {
      const { eventId, leafIndex, treeSize, leafHash, hashes } = await this.integrity.inclusion(query.eventId.toLowerCase(), query.treeSize);
      return { eventId, leafIndex, treeSize, leafHash, hashes };
    } catch (error) {
      asHttp(error);
    }
  }

  @Get('consistency')
  @ApiOkResponse({ type: ConsistencyProofDto })
  async consistency(@Query() query: ConsistencyProofRequestDto): Promise<ConsistencyProofDto> {
    try {
      return await this.integrity.consistency(query.from, query.to);
    } catch (error) {
      asHttp(error);
    }
  }
}
