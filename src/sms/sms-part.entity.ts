import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One part of a concatenated SMS, persisted so reassembly survives restarts and reconnects. */
@Entity('sms_parts')
@Index('ix_sms_parts_key', ['multipartKey'])
// The multipart timeout looks only at parts still waiting; they are few, the table is not.
@Index('ix_sms_parts_pending', ['multipartKey', 'receivedAt'], { where: 'inbound_sms_id IS NULL' })
export class SmsPartEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'char', length: 64, unique: true })
  fingerprint: string;

  /** (SIM, sender, reference, width, total): not SMSC or timestamp, which differ between parts of one message. */
  @Column({ name: 'multipart_key', type: 'varchar', length: 200 })
  multipartKey: string;

  @Column({ type: 'smallint' })
  sequence: number;

  @Column({ type: 'smallint' })
  total: number;

  @Column({ type: 'text' })
  pdu: string;

  @Column({ name: 'modem_port', type: 'varchar', length: 300 })
  modemPort: string;

  @Column({ name: 'sim_id', type: 'uuid', nullable: true })
  simId: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  /** Set when the part was folded into an InboundSms. */
  @Column({ name: 'inbound_sms_id', type: 'bigint', nullable: true })
  inboundSmsId: string | null;
}
