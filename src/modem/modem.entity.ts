import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Last known state of a modem port, written by the node that owns it. */
@Entity('modems')
@Unique('uq_modems_node_port', ['nodeId', 'port'])
export class ModemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 300 })
  port: string;

  @Column({ name: 'node_id', type: 'varchar', length: 100 })
  nodeId: string;

  @Column({ type: 'varchar', length: 20 })
  state: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  manufacturer: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  model: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  imei: string | null;

  /** dBm */
  @Column({ type: 'integer', nullable: true })
  signal: number | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  registration: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  operator: string | null;

  @Column({ name: 'storage_used', type: 'integer', nullable: true })
  storageUsed: number | null;

  @Column({ name: 'storage_total', type: 'integer', nullable: true })
  storageTotal: number | null;

  @Column({ name: 'sim_id', type: 'uuid', nullable: true })
  simId: string | null;

  @Column({ name: 'last_seen_at', type: 'timestamptz', nullable: true })
  lastSeenAt: Date | null;

  @Column({ name: 'last_sms_at', type: 'timestamptz', nullable: true })
  lastSmsAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}
