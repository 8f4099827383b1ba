import { DataSource, EntityManager, IsNull } from 'typeorm';
import { SmsPartEntity } from 'src/sms/sms-part.entity';

/**
 * Queries over `sms_parts` that the multipart timeout needs. Parts of one message take turns on the
 * same advisory lock as {@link InboundSmsRepository.addPart}, so a late part and the timeout never
 * fold the same parts twice.
 */
export class SmsPartRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Keys of messages whose first part arrived before `cutoff` and that are still not assembled. */
  async expiredKeys(cutoff: Date, limit = 100): Promise<string[]> {
    const rows: { key: string }[] = await this.dataSource.query(
      `SELECT multipart_key AS key FROM sms_parts WHERE inbound_sms_id IS NULL
       GROUP BY multipart_key HAVING MIN(received_at) < $1 ORDER BY MIN(received_at) LIMIT $2`,
      [cutoff, limit],
    );
    return rows.map((row) => row.key);
  }

  /** Locks the message's key for this transaction and returns its parts not yet assembled. */
  async lockWaitingParts(manager: EntityManager, multipartKey: string): Promise<SmsPartEntity[]> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [multipartKey]);
    return manager.find(SmsPartEntity, {
      where: { multipartKey, inboundSmsId: IsNull() },
      order: { sequence: 'ASC', id: 'ASC' },
    });
  }
}
