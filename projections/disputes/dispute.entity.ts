// One row per dispute: open until its DisputeResolved, then resolved with the decision.
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'disputes' })
@Index('disputes_status_position', ['status', 'filedPosition'])
export class DisputeEntity {
  @PrimaryColumn({ name: 'unit_id', type: 'text' })
  unitId: string;

  @PrimaryColumn({ name: 'dispute_id', type: 'text' })
  disputeId: string;

  @Column({ type: 'text' })
  status: 'open' | 'resolved';

  @Column({ type: 'text', nullable: true })
  decision: 'upheld' | 'overturned' | null;

  @Column({ name: 'finding_event_ids', type: 'text', array: true })
  findingEventIds: string[];

  @Column({ type: 'text' })
  grounds: string;

  @Column({ name: 'filed_at', type: 'timestamptz' })
  filedAt: Date;

  @Column({ name: 'filed_event_id', type: 'uuid' })
  filedEventId: string;

  @Column({ name: 'filed_position', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  filedPosition: number;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'resolved_event_id', type: 'uuid', nullable: true })
  resolvedEventId: string | null;

  @Column({ name: 'resolution_note', type: 'text', nullable: true })
  resolutionNote: string | null;
}
