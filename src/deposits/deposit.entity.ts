import {
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { BankAccountEntity } from 'src/accounts/bank-account.entity';
import { MerchantEntity } from 'src/merchants/merchant.entity';
import { InboundSmsEntity } from 'src/sms/inbound-sms.entity';

export type DepositStatus = 'sending' | 'success' | 'no_response' | 'expired';
export type DepositVerdict = 'verified' | 'suspicious';

@Entity('deposits')
@Index('ix_deposits_due', ['nextAttemptAt'], { where: "status = 'sending'" })
// Reporting indexes (migration ReportingIndexes): partial on live rows, newest first, covering every
// filter column and the amount, so list pages, totals and statistics are index-only scans. TypeORM
// cannot express INCLUDE or DESC keys; `synchronize: false` makes it leave them alone.
@Index('ix_deposits_list', { synchronize: false })
@Index('ix_deposits_account_list', { synchronize: false })
@Index('ix_deposits_feed', { synchronize: false })
// ReportingFilterIndexes: status, bank, amount and name (trigram) over a whole history.
@Index('ix_deposits_status_list', { synchronize: false })
@Index('ix_deposits_bank_list', { synchronize: false })
@Index('ix_deposits_suspicious', { synchronize: false })
@Index('ix_deposits_amount', { synchronize: false })
@Index('ix_deposits_name_trgm', { synchronize: false })
// DepositDailyTotals: a merchant's depositor names without spaces, for 1–2 character name totals.
@Index('ix_deposits_name', { synchronize: false })
export class DepositEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  /** 거래고유번호: KST yyMMddHHmm + 5-digit sequence. */
  @Column({ type: 'char', length: 15, unique: true })
  tid: string;

  /** Exactly one deposit per inbound SMS. */
  @Column({ name: 'inbound_sms_id', type: 'bigint', unique: true })
  inboundSmsId: string;

  @ManyToOne(() => InboundSmsEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'inbound_sms_id' })
  inboundSms?: InboundSmsEntity;

  @Column({ name: 'merchant_id', type: 'uuid' })
  merchantId: string;

  @ManyToOne(() => MerchantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'merchant_id' })
  merchant?: MerchantEntity;

  @Index()
  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => BankAccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: BankAccountEntity;

  @Column({ name: 'bank_code', type: 'char', length: 3 })
  bankCode: string;

  @Column({ type: 'bigint' })
  amount: string;

  @Column({ name: 'depositor_name', type: 'varchar', length: 100 })
  depositorName: string;

  @Column({ type: 'bigint', nullable: true })
  balance: string | null;

  /** When the bank says it happened (falls back to the SMSC time when the bank prints no date). */
  @Column({ name: 'deposited_at', type: 'timestamptz' })
  depositedAt: Date;

  @Column({ type: 'varchar', length: 12 })
  verdict: DepositVerdict;

  @Column({ name: 'verdict_reason', type: 'text', nullable: true })
  verdictReason: string | null;

  @Column({ type: 'varchar', length: 12 })
  status: DepositStatus;

  /** Automatic calls made so far. */
  @Column({ type: 'smallint', default: 0 })
  attempts: number;

  /** When the next automatic call is due; null when none is. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  /** When the InboundSms was committed: start of `elapsedMs`. */
  @Column({ name: 'sms_received_at', type: 'timestamptz' })
  smsReceivedAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  /**
   * The inserting transaction's id (64-bit, never wraps), set by the database. The `since` feed
   * orders by (createdXid, id) and only hands out rows whose transaction is older than every
   * running one, so a deposit committed late cannot slip behind a cursor already handed out.
   */
  @Column({
    name: 'created_xid',
    type: 'bigint',
    default: () => 'txid_current()',
    insert: false,
    update: false,
  })
  createdXid: string;
}
