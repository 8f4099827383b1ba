import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { applyDepositFilter, DepositFilter } from 'src/deposits/deposit-filter';
import { DepositEntity } from 'src/deposits/deposit.entity';

/** Count and sum of one KST calendar period (`YYYY-MM-DD` or `YYYY-MM`). */
export interface PeriodTotal {
  period: string;
  count: number;
  amount: number;
}

export type Granularity = 'day' | 'month';

const PERIOD_FORMAT: Record<Granularity, string> = { day: 'YYYY-MM-DD', month: 'YYYY-MM' };

/** Statistics over exactly the rows the deposit list would return for the same filter. */
@Injectable()
export class StatsRepository {
  constructor(@InjectRepository(DepositEntity) private readonly deposits: Repository<DepositEntity>) {}

  async totals(filter: DepositFilter, granularity: Granularity): Promise<PeriodTotal[]> {
    const period = `to_char(deposit.deposited_at AT TIME ZONE 'Asia/Seoul', '${PERIOD_FORMAT[granularity]}')`;
    const rows = await applyDepositFilter(this.deposits.createQueryBuilder('deposit'), 'deposit', filter)
      .select(period, 'period')
      .addSelect('count(*)', 'count')
      .addSelect('sum(deposit.amount)', 'amount')
      .groupBy('period')
      .orderBy('period', 'ASC')
      .getRawMany<{ period: string; count: string; amount: string }>();
    return rows.map((row) => ({ period: row.period, count: Number(row.count), amount: Number(row.amount) }));
  }
}
