import { ApiProperty } from '@nestjs/swagger';

export class EvidenceUploadResponseDto {
  @ApiProperty({ description: 'SHA-256 of the bytes: the file\'s address, named by an event\'s evidence entry { kind: "file", ref, sha256 }', example: '9f2c…' })
  sha256: string;

  @ApiProperty({ description: 'Bytes' })
  size: number;

  @ApiProperty({ example: 'application/pdf' })
  mediaType: string;

  @ApiProperty({ example: '抽查记录-2017-10-05.pdf' })
  fileName: string;
}
