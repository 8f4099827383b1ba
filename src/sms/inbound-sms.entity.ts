import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Outcome of a received SMS. `received` is the state between commit and classification; every
 * other value is one of CONTRACT.md's `status` values of GET /admin/inbound-sms, or `undecodable`.
 */
export type InboundSmsStatus =
  | 'received'
  | 'deposit'
  | 'withdrawal'
  | 'verification'
  | 'other'
  | 'unparsed'
  | 'unknown_sender'
  | 'unattributed'
  | 'undecodable';

@Entity('inbound_sms')
@Index('ix_inbound_sms_received_at', ['receivedAt'])
@Index('ix_inbound_sms_status_received_at', ['status', 'receivedAt'])
@Index('ix_inbound_sms_sim_received_at', ['simId', 'receivedAt'])
@Index('ix_inbound_sms_balance_chain', ['accountId', 'occurredAt', 'receivedAt'], {
  where: 'balance IS NOT NULL',
})
export class InboundSmsEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  /** Per-SIM hash over what identifies the message itself (not SMSC, not storage index): reading it twice is a no-op. */
  @Column({ type: 'char', length: 64, unique: true })
  fingerprint: string;

  @Column({ name: 'sim_id', type: 'uuid', nullable: true })
  simId: string | null;

  @Column({ name: 'modem_port', type: 'varchar', length: 300 })
  modemPort: string;

  /** Normalised sender (`16449999`, `01012345678`, or alphanumeric). */
  @Column({ type: 'varchar', length: 40 })
  sender: string;

  @Column({ type: 'text' })
  text: string;

  /** Raw PDUs as read from the modem (several for a concatenated message). */
  @Column({ type: 'text', array: true })
  pdus: string[];

  @Column({ type: 'smallint', nullable: true })
  dcs: number | null;

  @Column({ name: 'smsc_timestamp', type: 'timestamptz', nullable: true })
  smscTimestamp: Date | null;

  @Column({ name: 'smsc_tz_offset_minutes', type: 'smallint', nullable: true })
  smscTzOffsetMinutes: number | null;

  /** When the gateway committed it. */
  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  /** A multipart message stored before all parts came. */
  @Column({ type: 'boolean', default: false })
  incomplete: boolean;

  @Column({ type: 'varchar', length: 20 })
  status: InboundSmsStatus;

  @Column({ name: 'bank_code', type: 'char', length: 3, nullable: true })
  bankCode: string | null;

  /** The parser's output, kept so the operator can see why a message became what it became. */
  @Column({ type: 'jsonb', nullable: true })
  parsed: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  // The balance chain (authenticity, deposits/authenticity.ts): every transaction SMS of a bank's
  // layout, deposits and withdrawals alike, keeps the account it was attributed to, its amount and
  // the balance it states, so the next deposit can be checked against "previous balance ± amount".
  // Optional in TypeScript: they are set at classification, never when the SMS is stored.

  /** The bank account the SMS was attributed to (deposits and withdrawals); null otherwise. */
  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId?: string | null;

  @Column({ type: 'bigint', nullable: true })
  amount?: string | null;

  /** Balance after the transaction as the SMS states it; null when the SMS has none (or masks it). */
  @Column({ type: 'bigint', nullable: true })
  balance?: string | null;

  /** When the bank says it happened, else the SMSC time, else receivedAt: the chain's order. */
  @Column({ name: 'occurred_at', type: 'timestamptz', nullable: true })
  occurredAt?: Date | null;
}
