// The evidence index: one row per event, for the trail (GET /v1/events) and the links between a finding, its
// disputes, their resolution and its retraction. Written by evidence-index.projection.ts in bulk SQL; read here.
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

const position = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity({ name: 'evidence_index' })
@Index('evidence_index_unit_position', ['unitId', 'position'])
export class EvidenceIndexEntity {
  @PrimaryColumn({ type: 'bigint', transformer: position })
  position: number;

  @Column({ name: 'event_id', type: 'uuid', unique: true })
  eventId: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'unit_id', type: 'text', nullable: true })
  unitId: string | null;

  /** data.indicator, the one its type implies, or for a retraction the retracted finding's. */
  @Column({ type: 'text', nullable: true })
  indicator: string | null;

  /** Every indicator the event is about (a dispute's are those of the findings it names). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  indicators: string[];

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  @Column({ name: 'actor_unit_id', type: 'text' })
  actorUnitId: string;

  @Column({ name: 'dispute_id', type: 'text', nullable: true })
  disputeId: string | null;

  @Column({ name: 'refers_to', type: 'uuid', array: true })
  refersTo: string[];

  @Column({ name: 'retracted_by_event_id', type: 'uuid', nullable: true })
  retractedByEventId: string | null;

  @Column({ name: 'retracted_at', type: 'timestamptz', nullable: true })
  retractedAt: Date | null;

  @Column({ name: 'dispute_ids', type: 'text', array: true })
  disputeIds: string[];

  @Column({ type: 'boolean' })
  disputed: boolean;

  @Column({ type: 'boolean' })
  overturned: boolean;

  @Column({ name: 'overturned_by_event_id', type: 'uuid', nullable: true })
  overturnedByEventId: string | null;

  @Column({ name: 'overturned_at', type: 'timestamptz', nullable: true })
  overturnedAt: Date | null;
}
