import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { applyDepositFilter, DepositFilter } from 'src/deposits/deposit-filter';
import { DepositEntity } from 'src/deposits/deposit.entity';

/** Count and sum of one KST calendar period (`YYYY-MM-DD` or `YYYY-MM`). */
export interface PeriodTotal {
  period: string;
  count: number;
  amount: number;
}

/** Consecutive periods: `names[i]` runs from `bounds[i]` (inclusive) to `bounds[i + 1]`. */
export interface Periods {
  names: string[];
  bounds: Date[];
}

/** Statistics over exactly the rows the deposit list would return for the same filter. */
@Injectable()
export class StatsRepository {
  constructor(@InjectRepository(DepositEntity) private readonly deposits: Repository<DepositEntity>) {}

  /** Totals of the periods that have deposits, in order. */
  async totals(filter: Omit<DepositFilter, 'from' | 'to'>, periods: Periods): Promise<PeriodTotal[]> {
    const rows = await this.totalsQuery(filter, periods).getRawMany<{
      bucket: number;
      count: string;
      amount: string;
    }>();
    return rows.map((row) => ({
      period: periods.names[row.bucket - 1],
      count: Number(row.count),
      amount: Number(row.amount),
    }));
  }

  /**
   * The list's filter over the whole span, each row put in its period by a binary search over the
   * bounds (width_bucket): no per-row time-zone conversion or formatting. Also for the bench.
   */
  totalsQuery(
    filter: Omit<DepositFilter, 'from' | 'to'>,
    periods: Periods,
  ): SelectQueryBuilder<DepositEntity> {
    const span = { from: periods.bounds[0], to: periods.bounds[periods.bounds.length - 1] };
    return applyDepositFilter(this.deposits.createQueryBuilder('deposit'), 'deposit', { ...filter, ...span })
      .select('width_bucket(deposit.deposited_at, CAST(:bounds AS timestamptz[]))', 'bucket')
      .addSelect('count(*)', 'count')
      .addSelect('sum(deposit.amount)', 'amount')
      .setParameter('bounds', periods.bounds)
      .groupBy('bucket')
      .orderBy('bucket', 'ASC');
  }
}
