import { Injectable } from '@nestjs/common';
import { fromKst, kstDayStart } from 'src/common/clock';
import { DepositFilter, monthRange } from 'src/deposits/deposit-filter';
import { PeriodTotal, Periods, StatsRepository } from 'src/stats/stats.repository';

export type StatsFilter = Pick<DepositFilter, 'bankCode' | 'accountId' | 'status'>;

export interface DailyStats {
  month: string;
  totalCount: number;
  totalAmount: number;
  days: { date: string; count: number; amount: number }[];
}

export interface MonthlyStats {
  year: number;
  totalCount: number;
  totalAmount: number;
  months: { month: string; count: number; amount: number }[];
}

/** 사용량통계: per KST day of a month, per month of a year; every period listed, empty ones as 0. */
@Injectable()
export class StatsService {
  constructor(private readonly stats: StatsRepository) {}

  async daily(merchantId: string, month: string, filter: StatsFilter): Promise<DailyStats> {
    const periods = dailyPeriods(month);
    const totals = await this.stats.totals({ ...filter, merchantId }, periods);
    const days = fillPeriods(periods.names, totals).map(({ period, count, amount }) => ({
      date: period,
      count,
      amount,
    }));
    return { month, ...sum(days), days };
  }

  async monthly(merchantId: string, year: number, filter: StatsFilter): Promise<MonthlyStats> {
    const periods = monthlyPeriods(year);
    const totals = await this.stats.totals({ ...filter, merchantId }, periods);
    const months = fillPeriods(periods.names, totals).map(({ period, count, amount }) => ({
      month: period,
      count,
      amount,
    }));
    return { year, ...sum(months), months };
  }
}

/** The KST days of a month `YYYY-MM`. */
export function dailyPeriods(month: string): Periods {
  const names = daysOfMonth(month);
  return { names, bounds: [...names.map((day) => kstDayStart(day)), monthRange(month).to] };
}

/** The KST months of a year. */
export function monthlyPeriods(year: number): Periods {
  return {
    names: Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`),
    bounds: Array.from({ length: 13 }, (_, i) => fromKst(year, i + 1, 1)),
  };
}

/** `YYYY-MM-DD` of every day of a month `YYYY-MM`. */
export function daysOfMonth(month: string): string[] {
  const [year, number] = month.split('-').map(Number);
  const length = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return Array.from({ length }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** Every period in order, with the database's totals where it has some. */
export function fillPeriods(periods: string[], totals: PeriodTotal[]): PeriodTotal[] {
  const byPeriod = new Map(totals.map((total) => [total.period, total]));
  return periods.map((period) => byPeriod.get(period) ?? { period, count: 0, amount: 0 });
}

function sum(periods: { count: number; amount: number }[]): { totalCount: number; totalAmount: number } {
  return {
    totalCount: periods.reduce((total, period) => total + period.count, 0),
    totalAmount: periods.reduce((total, period) => total + period.amount, 0),
  };
}
