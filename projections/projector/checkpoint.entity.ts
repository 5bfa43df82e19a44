// The durable checkpoint of each projection: the last position whose effects are in the read model. Written in the
// same transaction as the rows, so a crash can never leave rows without their checkpoint or the reverse.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'projection_checkpoints' })
export class ProjectionCheckpointEntity {
  @PrimaryColumn({ type: 'text' })
  name: string;

  @Column({ type: 'integer' })
  version: number;

  // bigint arrives as a string from pg; positions stay far below 2^53.
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  position: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
