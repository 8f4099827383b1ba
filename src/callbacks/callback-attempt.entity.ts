import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DepositEntity } from 'src/deposits/deposit.entity';

@Entity('callback_attempts')
@Index('ix_callback_attempts_deposit', ['depositId', 'requestedAt'])
export class CallbackAttemptEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'deposit_id', type: 'bigint' })
  depositId: string;

  @ManyToOne(() => DepositEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deposit_id' })
  deposit?: DepositEntity;

  /** 1..CALLBACK_MAX_ATTEMPTS for scheduled calls, null for a manual resend. */
  @Column({ type: 'smallint', nullable: true })
  attempt: number | null;

  @Column({ type: 'boolean', default: false })
  manual: boolean;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ type: 'boolean' })
  success: boolean;

  @Column({ name: 'status_code', type: 'smallint', nullable: true })
  statusCode: number | null;

  @Column({ name: 'latency_ms', type: 'integer' })
  latencyMs: number;

  /** First 200 bytes of the merchant's answer. */
  @Column({ name: 'response_snippet', type: 'varchar', length: 400, nullable: true })
  responseSnippet: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}
