import {
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ApiKeyEntity } from 'src/merchants/api-key.entity';

@Entity('merchants')
export class MerchantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** 이용기간: last KST day the merchant may receive callbacks; null = unlimited. */
  @Column({ name: 'service_until', type: 'date', nullable: true })
  serviceUntil: string | null;

  /** Signing secret (`whsec_…`). Kept in clear because the gateway must sign with it. */
  @Column({ name: 'callback_secret', type: 'varchar', length: 100 })
  callbackSecret: string;

  @Column({ name: 'callback_secret_previous', type: 'varchar', length: 100, nullable: true })
  callbackSecretPrevious: string | null;

  @Column({ name: 'callback_secret_previous_until', type: 'timestamptz', nullable: true })
  callbackSecretPreviousUntil: Date | null;

  @OneToMany(() => ApiKeyEntity, (key) => key.merchant)
  apiKeys: ApiKeyEntity[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
