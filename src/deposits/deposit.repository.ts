import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { Page, PageRequest, pageOffset } from 'src/common/pagination';
import { CallbackAttemptEntity } from 'src/callbacks/callback-attempt.entity';
import { FeedPosition } from 'src/deposits/deposit-cursor';
import { applyDepositFilter, DepositFilter } from 'src/deposits/deposit-filter';
import { DepositEntity, DepositStatus } from 'src/deposits/deposit.entity';

export type { DepositFilter } from 'src/deposits/deposit-filter';

/** One export line: the deposit with its account's number and memo. */
export interface DepositExportRow {
  tid: string;
  depositedAt: Date;
  bankCode: string;
  accountNumber: string | null;
  memo: string | null;
  amount: string;
  depositorName: string;
  balance: string | null;
  status: DepositStatus;
  deliveredAt: Date | null;
}

@Injectable()
export class DepositRepository {
  constructor(
    private readonly dataSource: DataSource,
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

  /** Newest first. The total is its own `count(*)`, an index-only scan, not a DISTINCT over a join. */
  async page(filter: DepositFilter, request: PageRequest): Promise<Page<DepositEntity>> {
    const queries = this.pageQueries(filter, request);
    const [items, counted] = await Promise.all([
      queries.items.getMany(),
      queries.total.getRawOne<{ total: string }>(),
    ]);
    return { total: Number(counted?.total ?? 0), page: request.page, pageSize: request.pageSize, items };
  }

  /** The two queries of a page, also for the bench to EXPLAIN. */
  pageQueries(
    filter: DepositFilter,
    request: PageRequest,
  ): { items: SelectQueryBuilder<DepositEntity>; total: SelectQueryBuilder<DepositEntity> } {
    const filtered = () => applyDepositFilter(this.deposits.createQueryBuilder('deposit'), 'deposit', filter);
    return {
      items: filtered()
        .leftJoinAndSelect('deposit.account', 'account')
        .orderBy('deposit.depositedAt', 'DESC')
        .addOrderBy('deposit.id', 'DESC')
        .offset(pageOffset(request))
        .limit(request.pageSize),
      total: filtered().select('count(*)', 'total'),
    };
  }

  /**
   * Deposits after `position` in (transaction id, id) order, only from transactions older than the
   * oldest one still running: every row that can still appear sorts after what is returned.
   */
  feed(
    filter: Pick<DepositFilter, 'merchantId' | 'bankCode' | 'accountId'>,
    position: FeedPosition,
    limit: number,
  ): Promise<DepositEntity[]> {
    return this.feedQuery(filter, position, limit).getMany();
  }

  feedQuery(
    filter: Pick<DepositFilter, 'merchantId' | 'bankCode' | 'accountId'>,
    position: FeedPosition,
    limit: number,
  ): SelectQueryBuilder<DepositEntity> {
    return applyDepositFilter(this.deposits.createQueryBuilder('deposit'), 'deposit', filter)
      .leftJoinAndSelect('deposit.account', 'account')
      .andWhere('deposit.created_xid < txid_snapshot_xmin(txid_current_snapshot())')
      .andWhere('(deposit.created_xid, deposit.id) > (:xid, :id)', position)
      .orderBy('deposit.createdXid', 'ASC')
      .addOrderBy('deposit.id', 'ASC')
      .limit(limit);
  }

  /** Soft delete: the row stays for audit, no attempt is due any more. Returns the tids deleted. */
  async softDelete(merchantId: string, tids: string[]): Promise<string[]> {
    const result = await this.deposits
      .createQueryBuilder()
      .update(DepositEntity)
      .set({ deletedAt: () => 'now()', nextAttemptAt: null })
      .where('merchant_id = :merchantId AND tid IN (:...tids) AND deleted_at IS NULL', { merchantId, tids })
      .returning(['tid'])
      .execute();
    return (result.raw as { tid: string }[]).map((row) => row.tid);
  }

  /**
   * Every matching row, newest first, read through a server-side cursor in one REPEATABLE READ
   * snapshot, `batchSize` rows at a time: memory holds one batch whatever the total.
   */
  async *exportRows(filter: DepositFilter, batchSize = 1000): AsyncGenerator<DepositExportRow[]> {
    const [sql, parameters] = this.exportQuery(filter).getQueryAndParameters();
    const runner = this.dataSource.createQueryRunner('slave');
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query(`DECLARE deposit_export NO SCROLL CURSOR FOR ${sql}`, parameters);
      for (;;) {
        const rows = (await runner.query(`FETCH ${batchSize} FROM deposit_export`)) as DepositExportRow[];
        if (rows.length > 0) yield rows;
        if (rows.length < batchSize) break;
      }
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }

  /** Every matching export line, newest first. */
  exportQuery(filter: DepositFilter): SelectQueryBuilder<DepositEntity> {
    return applyDepositFilter(this.deposits.createQueryBuilder('deposit'), 'deposit', filter)
      .leftJoin('deposit.account', 'account')
      .select([
        'deposit.tid AS "tid"',
        'deposit.deposited_at AS "depositedAt"',
        'deposit.bank_code AS "bankCode"',
        'account.account_number AS "accountNumber"',
        'account.memo AS "memo"',
        'deposit.amount AS "amount"',
        'deposit.depositor_name AS "depositorName"',
        'deposit.balance AS "balance"',
        'deposit.status AS "status"',
        'deposit.delivered_at AS "deliveredAt"',
      ])
      .orderBy('deposit.deposited_at', 'DESC')
      .addOrderBy('deposit.id', 'DESC');
  }
}
