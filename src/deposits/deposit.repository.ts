import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Page, PageRequest, pageOffset } from 'src/common/pagination';
import { DepositEntity, DepositStatus } from 'src/deposits/deposit.entity';
import { CallbackAttemptEntity } from 'src/callbacks/callback-attempt.entity';

export interface DepositFilter {
  merchantId: string;
  from?: Date;
  to?: Date;
  bankCode?: string;
  accountId?: string;
  name?: string;
  tid?: string;
  status?: DepositStatus;
}

@Injectable()
export class DepositRepository {
  constructor(
    @InjectRepository(DepositEntity) private readonly deposits: Repository<DepositEntity>,
    @InjectRepository(CallbackAttemptEntity) private readonly attempts: Repository<CallbackAttemptEntity>,
  ) {}

  async nextTidSequence(manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ value: string }[]>(`SELECT nextval('deposit_tid_seq') AS value`);
    return Number(row.value);
  }

  insert(manager: EntityManager, deposit: Partial<DepositEntity>): Promise<DepositEntity> {
    return manager.save(DepositEntity, manager.create(DepositEntity, deposit));
  }

  findByTid(merchantId: string, tid: string): Promise<DepositEntity | null> {
    return this.deposits.findOne({ where: { merchantId, tid }, relations: { account: true } });
  }

  attemptsOf(depositId: string): Promise<CallbackAttemptEntity[]> {
    return this.attempts.find({ where: { depositId }, order: { requestedAt: 'ASC', id: 'ASC' } });
  }

  async page(filter: DepositFilter, request: PageRequest): Promise<Page<DepositEntity>> {
    const query = this.deposits
      .createQueryBuilder('deposit')
      .leftJoinAndSelect('deposit.account', 'account')
      .withDeleted()
      .where('deposit.merchant_id = :merchantId', { merchantId: filter.merchantId })
      .andWhere('deposit.deleted_at IS NULL');
    if (filter.from) query.andWhere('deposit.deposited_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('deposit.deposited_at < :to', { to: filter.to });
    if (filter.bankCode) query.andWhere('deposit.bank_code = :bankCode', { bankCode: filter.bankCode });
    if (filter.accountId) query.andWhere('deposit.account_id = :accountId', { accountId: filter.accountId });
    if (filter.tid) query.andWhere('deposit.tid = :tid', { tid: filter.tid });
    if (filter.status) query.andWhere('deposit.status = :status', { status: filter.status });
    if (filter.name) {
      query.andWhere(`replace(deposit.depositor_name, ' ', '') ILIKE :name`, {
        name: `%${filter.name.replace(/\s+/g, '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    }
    const [items, total] = await query
      .orderBy('deposit.depositedAt', 'DESC')
      .addOrderBy('deposit.id', 'DESC')
      .skip(pageOffset(request))
      .take(request.pageSize)
      .getManyAndCount();
    return { total, page: request.page, pageSize: request.pageSize, items };
  }
}
