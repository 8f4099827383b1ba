import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Page, PageRequest, pageOffset } from 'src/common/pagination';
import { InboundSmsEntity, InboundSmsStatus } from 'src/sms/inbound-sms.entity';

export type NewInboundSms = Omit<InboundSmsEntity, 'id'>;

export interface InboundSmsFilter {
  status?: InboundSmsStatus;
  simId?: string;
  from?: Date;
  to?: Date;
}

@Injectable()
export class InboundSmsRepository {
  constructor(@InjectRepository(InboundSmsEntity) private readonly messages: Repository<InboundSmsEntity>) {}

  /** Idempotent by fingerprint: the id when this call stored it, null when it was already there. */
  async insertOnce(manager: EntityManager, sms: NewInboundSms): Promise<string | null> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(InboundSmsEntity)
      .values(sms as QueryDeepPartialEntity<InboundSmsEntity>)
      .orIgnore()
      .returning(['id'])
      .execute();
    const row = (result.raw as { id: string }[])[0];
    return row ? String(row.id) : null;
  }

  /** Locks a message still waiting for classification; null when another worker already took it. */
  lockUnclassified(manager: EntityManager, id: string): Promise<InboundSmsEntity | null> {
    return manager
      .createQueryBuilder(InboundSmsEntity, 'sms')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where('sms.id = :id AND sms.status = :status', { id, status: 'received' })
      .getOne();
  }

  async setOutcome(
    manager: EntityManager,
    id: string,
    outcome: Pick<InboundSmsEntity, 'status' | 'bankCode' | 'parsed' | 'error'>,
  ): Promise<void> {
    await manager.update(InboundSmsEntity, { id }, outcome as QueryDeepPartialEntity<InboundSmsEntity>);
  }

  async unclassifiedIds(limit = 500): Promise<string[]> {
    const rows = await this.messages.find({
      select: { id: true },
      where: { status: 'received' },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((row) => row.id);
  }

  async page(filter: InboundSmsFilter, request: PageRequest): Promise<Page<InboundSmsEntity>> {
    const query = this.messages.createQueryBuilder('sms');
    if (filter.status) query.andWhere('sms.status = :status', { status: filter.status });
    if (filter.simId) query.andWhere('sms.sim_id = :simId', { simId: filter.simId });
    if (filter.from) query.andWhere('sms.received_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('sms.received_at < :to', { to: filter.to });
    const [items, total] = await query
      .orderBy('sms.receivedAt', 'DESC')
      .addOrderBy('sms.id', 'DESC')
      .skip(pageOffset(request))
      .take(request.pageSize)
      .getManyAndCount();
    return { total, page: request.page, pageSize: request.pageSize, items };
  }
}
