import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { formatKst, kstDayStart } from 'src/common/clock';
import { Page, PageRequest, pageOffset } from 'src/common/pagination';
import { CallbackAttemptEntity } from 'src/callbacks/callback-attempt.entity';
import { FeedPosition } from 'src/deposits/deposit-cursor';
import {
  applyDepositFilter,
  bareName,
  DepositFilter,
  nameKey,
  shortNameCondition,
} from 'src/deposits/deposit-filter';
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

  /** Newest first. The total is its own query (see `totalQuery`), not a DISTINCT over a join. */
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
  ): { items: SelectQueryBuilder<DepositEntity>; total: SelectQueryBuilder<ObjectLiteral> } {
    const filtered = () => applyDepositFilter(this.deposits.createQueryBuilder('deposit'), 'deposit', filter);
    return {
      items: filtered()
        .leftJoinAndSelect('deposit.account', 'account')
        .orderBy('deposit.depositedAt', 'DESC')
        .addOrderBy('deposit.id', 'DESC')
        .offset(pageOffset(request))
        .limit(request.pageSize),
      total: this.totalQuery(filter),
    };
  }

  /**
   * The exact number of matching rows, the cheapest way the filter allows: summed from the daily
   * totals when it only names their columns, per distinct name for a 1–2 character name over all
   * time, otherwise a `count(*)` over an index-only scan.
   */
  totalQuery(filter: DepositFilter): SelectQueryBuilder<ObjectLiteral> {
    return (
      this.dailyTotalsQuery(filter) ??
      this.shortNameTotalQuery(filter) ??
      applyDepositFilter(this.deposits.createQueryBuilder('deposit'), 'deposit', filter).select(
        'count(*)',
        'total',
      )
    );
  }

  /**
   * The sum of `deposit_daily_totals` and the changes not yet compacted into them (both kept by
   * triggers, migration DepositDailyTotals; one statement, one snapshot), when every filter is one
   * of their columns and the range is whole KST days.
   */
  private dailyTotalsQuery(filter: DepositFilter): SelectQueryBuilder<ObjectLiteral> | null {
    const { from, to } = { from: wholeKstDay(filter.from), to: wholeKstDay(filter.to) };
    const finer =
      bareName(filter) || filter.tid || filter.minAmount !== undefined || filter.maxAmount !== undefined;
    if (finer || from === null || to === null) return null;
    const conditions: [unknown, string][] = [
      [true, 'merchant_id = :merchantId'],
      [from, 'day >= CAST(:fromDay AS date)'],
      [to, 'day < CAST(:toDay AS date)'],
      [filter.bankCode, 'bank_code = :bankCode'],
      [filter.accountId, 'account_id = :accountId'],
      [filter.status, 'status = :status'],
      [filter.verdict, 'verdict = :verdict'],
    ];
    const where = (alias: string) =>
      conditions
        .filter(([given]) => given)
        .map(([, condition]) => `${alias}.${condition}`)
        .join(' AND ');
    return this.dataSource
      .createQueryBuilder()
      .select(
        `coalesce(sum(totals.deposits), 0) + (SELECT coalesce(sum(changes.deposits), 0)
           FROM deposit_daily_total_changes changes WHERE ${where('changes')})`,
        'total',
      )
      .from('deposit_daily_totals', 'totals')
      .where(where('totals'))
      .setParameters({
        merchantId: filter.merchantId,
        fromDay: from,
        toDay: to,
        bankCode: filter.bankCode,
        accountId: filter.accountId,
        status: filter.status,
        verdict: filter.verdict,
      });
  }

  /** Moves the committed changes into `deposit_daily_totals`; 0 when another caller is at it. */
  async compactDailyTotals(): Promise<number> {
    const [row] = await this.dataSource.query<{ moved: string }[]>(
      'SELECT deposit_daily_totals_compact() AS moved',
    );
    return Number(row.moved);
  }

  /**
   * A 1–2 character name over all time has no trigram, and a substring test of every row of a large
   * merchant is too slow. Instead: walk the merchant's distinct names (a skip scan of
   * ix_deposits_name, one probe per name), test each name once, and count the rows of the matching
   * names with the other filters, index-only. Same rows as the list's condition, which depends on
   * the name alone.
   */
  private shortNameTotalQuery(filter: DepositFilter): SelectQueryBuilder<ObjectLiteral> | null {
    const matches = filter.name ? shortNameCondition('names.name', filter.name) : null;
    if (!matches || filter.from || filter.to) return null;
    const key = nameKey('named');
    const names = `SELECT min(${key}) FROM deposits named
                    WHERE named.merchant_id = :merchantId AND named.deleted_at IS NULL
                   UNION ALL
                   SELECT (SELECT min(${key}) FROM deposits named
                            WHERE named.merchant_id = :merchantId AND named.deleted_at IS NULL AND ${key} > names.name)
                     FROM names WHERE names.name IS NOT NULL`;
    const perName = applyDepositFilter(this.deposits.createQueryBuilder('deposit'), 'deposit', {
      ...filter,
      name: undefined,
    })
      .select('count(*)')
      .andWhere(`${nameKey('deposit')} = names.name`);
    return this.dataSource
      .createQueryBuilder()
      .addCommonTableExpression(names, 'names', { columnNames: ['name'], recursive: true })
      .select(`coalesce(sum((${perName.getQuery()})), 0)`, 'total')
      .from('names', 'names')
      .where('names.name IS NOT NULL')
      .andWhere(...matches)
      .setParameters({ ...perName.getParameters(), ...matches[1], merchantId: filter.merchantId });
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

/** `YYYY-MM-DD` of an instant that starts a KST day; undefined for none, null when not a day start. */
function wholeKstDay(instant: Date | undefined): string | undefined | null {
  if (!instant) return undefined;
  const day = formatKst(instant).slice(0, 10);
  return kstDayStart(day).getTime() === instant.getTime() ? day : null;
}
