import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, LessThanOrEqual, Repository } from 'typeorm';
import { BankAccountEntity } from 'src/accounts/bank-account.entity';
import { CallbackAttemptEntity } from 'src/callbacks/callback-attempt.entity';
import { DepositEntity } from 'src/deposits/deposit.entity';
import { MerchantEntity } from 'src/merchants/merchant.entity';

export interface DeliveryTarget {
  deposit: DepositEntity;
  account: BankAccountEntity;
  merchant: MerchantEntity;
}

/** What the callback stage reads and writes of deposits: delivery state and the attempt log. */
@Injectable()
export class DeliveryRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(DepositEntity) private readonly deposits: Repository<DepositEntity>,
  ) {}

  /** A merchant's own deposit by tid; another merchant's answers like a missing one. */
  async loadByTid(merchantId: string, tid: string): Promise<DeliveryTarget | null> {
    const deposit = await this.deposits.findOneBy({ merchantId, tid });
    return deposit ? this.load(deposit.id) : null;
  }

  async load(depositId: string): Promise<DeliveryTarget | null> {
    const deposit = await this.deposits.findOne({ where: { id: depositId }, withDeleted: true });
    if (!deposit) return null;
    const account = await this.dataSource.manager.findOne(BankAccountEntity, {
      where: { id: deposit.accountId },
      withDeleted: true,
    });
    const merchant = await this.dataSource.manager.findOneBy(MerchantEntity, { id: deposit.merchantId });
    return account && merchant ? { deposit, account, merchant } : null;
  }

  /**
   * Records an automatic attempt and the deposit's new state in one transaction, but only if the
   * deposit is still waiting for exactly this attempt: a duplicate job is a no-op.
   */
  async recordScheduledAttempt(
    attempt: Omit<CallbackAttemptEntity, 'id' | 'deposit'>,
    next: Pick<DepositEntity, 'status' | 'attempts' | 'nextAttemptAt' | 'deliveredAt'>,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(DepositEntity)
        .set(next)
        .where('id = :id AND status = :status AND attempts = :previous', {
          id: attempt.depositId,
          status: 'sending',
          previous: (attempt.attempt ?? 1) - 1,
        })
        .execute();
      if (!result.affected) return false;
      await manager.insert(CallbackAttemptEntity, attempt);
      return true;
    });
  }

  /** A manual resend is logged whatever the state, and an OK makes the deposit `success`. */
  async recordManualAttempt(attempt: Omit<CallbackAttemptEntity, 'id' | 'deposit'>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(CallbackAttemptEntity, attempt);
      if (attempt.success) {
        await manager.update(
          DepositEntity,
          { id: attempt.depositId },
          { status: 'success', nextAttemptAt: null, deliveredAt: () => 'COALESCE(delivered_at, now())' },
        );
      }
    });
  }

  /** Deposits whose next attempt is due (or overdue), for the reconciler. */
  due(now: Date, limit = 500): Promise<DepositEntity[]> {
    return this.deposits.find({
      where: { status: 'sending', nextAttemptAt: LessThanOrEqual(now) },
      order: { nextAttemptAt: 'ASC' },
      take: limit,
    });
  }
}
