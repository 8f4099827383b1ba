import {
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { MerchantEntity } from 'src/merchants/merchant.entity';
import { SimEntity } from 'src/numbers/sim.entity';

export const CHARSETS = ['UTF-8', 'EUC-KR'] as const;
export type Charset = (typeof CHARSETS)[number];
export const CALLBACK_FORMATS = ['query', 'json'] as const;
export type CallbackFormat = (typeof CALLBACK_FORMATS)[number];

@Entity('bank_accounts')
// The same bank account can be registered once, by anyone; a deleted one frees it.
@Index('uq_bank_accounts_live', ['bankCode', 'accountNumber'], { unique: true, where: 'deleted_at IS NULL' })
@Index('ix_bank_accounts_sim_bank', ['simId', 'bankCode'])
export class BankAccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'merchant_id', type: 'uuid' })
  merchantId: string;

  @ManyToOne(() => MerchantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'merchant_id' })
  merchant?: MerchantEntity;

  @Column({ name: 'bank_code', type: 'char', length: 3 })
  bankCode: string;

  /** Digits only. */
  @Column({ name: 'account_number', type: 'varchar', length: 20 })
  accountNumber: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  holder: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  memo: string | null;

  @Column({ name: 'callback_url', type: 'varchar', length: 2000 })
  callbackUrl: string;

  @Column({ type: 'varchar', length: 10 })
  charset: Charset;

  @Column({ name: 'callback_format', type: 'varchar', length: 10, default: 'query' })
  callbackFormat: CallbackFormat;

  /** The SIM whose number the bank texts; null only after the SIM was taken away and none could replace it. */
  @Column({ name: 'sim_id', type: 'uuid', nullable: true })
  simId: string | null;

  @ManyToOne(() => SimEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'sim_id' })
  sim?: SimEntity | null;

  /** When the account got its current number: at registration, or when the operator moved it. */
  @Column({ name: 'number_assigned_at', type: 'timestamptz', nullable: true })
  numberAssignedAt: Date | null;

  /** The number it had before the operator moved it off a SIM (national digits); null if never moved. */
  @Column({ name: 'previous_phone_number', type: 'varchar', length: 16, nullable: true })
  previousPhoneNumber: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
