import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { BankAccountEntity } from 'src/accounts/bank-account.entity';

/**
 * Health of one account's callback endpoint: since when every call failed, and whether automatic
 * delivery is paused because nothing answered OK for CALLBACK_PAUSE_AFTER_DAYS. No row means the
 * endpoint never failed since its last OK (the hot path writes nothing on success).
 */
@Entity('callback_endpoints')
export class CallbackEndpointEntity {
  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => BankAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: BankAccountEntity;

  /** First failed call after the last OK; null while the endpoint answers. */
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince: Date | null;

  @Column({ name: 'last_failure_at', type: 'timestamptz', nullable: true })
  lastFailureAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** Automatic calls are held while set; an OK (resend or test callback) clears it. */
  @Column({ name: 'paused_at', type: 'timestamptz', nullable: true })
  pausedAt: Date | null;

  /** Why it was paused, in words the merchant sees on GET /accounts/:id/callback-status. */
  @Column({ name: 'pause_reason', type: 'text', nullable: true })
  pauseReason: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
