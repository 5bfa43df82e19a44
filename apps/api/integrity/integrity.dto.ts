// Requests and answers of the integrity routes (integrity.md §3), described for OpenAPI.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

const MAX_SIZE = Number.MAX_SAFE_INTEGER;

export class InclusionProofRequestDto {
  @ApiProperty({ format: 'uuid', description: 'the event to prove' })
  @IsUUID('all', { message: 'eventId must be a UUID' })
  eventId: string;

  @ApiPropertyOptional({ description: "size of the tree to prove against (default: the latest checkpoint's)", minimum: 1 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'treeSize must be an integer' }) @Min(1, { message: 'treeSize must be at least 1' }) @Max(MAX_SIZE, { message: 'treeSize is too large' })
  treeSize?: number;
}

export class ConsistencyProofRequestDto {
  @ApiProperty({ minimum: 0 })
  @Type(() => Number) @IsInt({ message: 'from must be an integer' }) @Min(0, { message: 'from must not be negative' }) @Max(MAX_SIZE, { message: 'from is too large' })
  from: number;

  @ApiProperty({ minimum: 0 })
  @Type(() => Number) @IsInt({ message: 'to must be an integer' }) @Min(0, { message: 'to must not be negative' }) @Max(MAX_SIZE, { message: 'to is too large' })
  to: number;
}

export class InclusionProofDto {
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ description: 'the entry of the event: position − 1 on PostgreSQL' }) leafIndex: number;
  @ApiProperty() treeSize: number;
  @ApiProperty({ description: 'base64 of SHA-256(0x00 ‖ the 32 bytes of the event hash)' }) leafHash: string;
  @ApiProperty({ type: [String], description: 'RFC 9162 PATH(leafIndex, D[treeSize]), base64, leaf to root' }) hashes: string[];
}

export class ConsistencyProofDto {
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty({ type: [String], description: 'RFC 9162 PROOF(from, D[to]), base64' }) hashes: string[];
}

export class VerifierKeysDto {
  @ApiProperty({ description: 'the log origin: the name of every key' }) origin: string;
  @ApiProperty({ description: 'verifier key of the signing key: <name>+<key id>+<base64 key>' }) current: string;
  @ApiProperty({ type: [String], description: 'verifier keys of earlier signing keys (checkpoints they signed stay valid)' }) retired: string[];
}
