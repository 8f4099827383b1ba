import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A SIM card; its phone number is a notification number (입금통지번호). Keyed by ICCID, not by port. */
@Entity('sims')
export class SimEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 22, unique: true })
  iccid: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  imsi: string | null;

  /** National digits, `01012345678`; presented as `010-1234-5678`. */
  @Column({ name: 'phone_number', type: 'varchar', length: 16, nullable: true })
  phoneNumber: string | null;

  @Column({ name: 'modem_id', type: 'uuid', nullable: true })
  modemId: string | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** Accounts this SIM may carry; null = the configured default. */
  @Column({ type: 'integer', nullable: true })
  capacity: number | null;

  @Column({ name: 'last_seen_at', type: 'timestamptz', nullable: true })
  lastSeenAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
