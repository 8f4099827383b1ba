import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { SmsPartEntity } from 'src/sms/sms-part.entity';

/**
 * Parts of concatenated SMS. Everything that folds parts of one message (a new part arriving, the
 * multipart timeout) takes turns on one advisory lock per message, so parts are never folded twice.
 */
@Injectable()
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
    await this.lock(manager, multipartKey);
    return this.waiting(manager, multipartKey);
  }

  /** Stores a part once; returns every not-yet-assembled part of its message, in sequence order. */
  async addPart(
    manager: EntityManager,
    part: Omit<SmsPartEntity, 'id' | 'inboundSmsId'>,
  ): Promise<SmsPartEntity[]> {
    await this.lock(manager, part.multipartKey);
    await manager.createQueryBuilder().insert().into(SmsPartEntity).values(part).orIgnore().execute();
    return this.waiting(manager, part.multipartKey);
  }

  async markAssembled(manager: EntityManager, partIds: string[], inboundSmsId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(SmsPartEntity)
      .set({ inboundSmsId })
      .whereInIds(partIds)
      .execute();
  }

  private async lock(manager: EntityManager, multipartKey: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [multipartKey]);
  }

  private waiting(manager: EntityManager, multipartKey: string): Promise<SmsPartEntity[]> {
    return manager.find(SmsPartEntity, {
      where: { multipartKey, inboundSmsId: IsNull() },
      order: { sequence: 'ASC', id: 'ASC' },
    });
  }
}
