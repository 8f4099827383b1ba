import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { rootLogger } from 'src/common/logger';
import { DepositRepository } from 'src/deposits/deposit.repository';

const logger = rootLogger.child({ module: 'deposit-totals' });

/** Often enough that the changes read with every list total stay a few hundred rows at most. */
export const DAILY_TOTALS_COMPACT_INTERVAL_MS = 5_000;

/**
 * Folds the change rows the deposit triggers append into `deposit_daily_totals` (migration
 * DepositDailyTotals). Totals are exact whether or not this has run; it only keeps them cheap.
 */
@Injectable()
export class DepositTotalsService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(private readonly deposits: DepositRepository) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.compact(), DAILY_TOTALS_COMPACT_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async compact(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.deposits.compactDailyTotals();
    } catch (error) {
      logger.warn({ err: error }, 'compacting the daily deposit totals failed; will retry');
    } finally {
      this.running = false;
    }
  }
}
