import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, IsNull, MoreThanOrEqual, Repository } from 'typeorm';
import { BankAccountEntity } from 'src/accounts/bank-account.entity';
import { CallbackAttemptEntity } from 'src/callbacks/callback-attempt.entity';
import { CallbackEndpointEntity } from 'src/callbacks/callback-endpoint.entity';
import { DepositEntity, DepositStatus } from 'src/deposits/deposit.entity';
import { MerchantEntity } from 'src/merchants/merchant.entity';

export interface DeliveryTarget {
  deposit: DepositEntity;
  account: BankAccountEntity;
  merchant: MerchantEntity;
  /** The account's endpoint health row when there is one (it failed or is paused). */
  endpoint?: CallbackEndpointEntity | null;
}

export type NewAttempt = Omit<CallbackAttemptEntity, 'id' | 'deposit'>;

/** A due delivery as the reconciler sees it, and where its next page starts. */
export interface DueDelivery {
  id: string;
  attempts: number;
  nextAttemptAt: Date;
}

/** What the callback stage reads and writes of deposits: delivery state and the attempt log. */
@Injectable()
export class DeliveryRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(DepositEntity) private readonly deposits: Repository<DepositEntity>,
  ) {}

  /** The deposit with its account, merchant and endpoint health in one query (the delivery hot path). */
  async load(depositId: string): Promise<DeliveryTarget | null> {
    const deposit = await this.deposits
      .createQueryBuilder('deposit')
      .withDeleted()
      .innerJoinAndSelect('deposit.account', 'account')
      .innerJoinAndSelect('deposit.merchant', 'merchant')
      .leftJoinAndMapOne(
        'deposit.endpoint',
        CallbackEndpointEntity,
        'endpoint',
        'endpoint.account_id = deposit.account_id',
      )
      .where('deposit.id = :depositId', { depositId })
      .getOne();
    if (!deposit?.account || !deposit.merchant) return null;
    const { account, merchant } = deposit;
    const endpoint = (deposit as DepositEntity & { endpoint?: CallbackEndpointEntity }).endpoint ?? null;
    return { deposit, account, merchant, endpoint };
  }

  /**
   * Records an automatic attempt and the deposit's new state in one transaction. The state only
   * moves if the deposit is still waiting for exactly this attempt, so a duplicate job cannot
   * advance a schedule twice; the call itself was made either way, so it is always logged.
   */
  async recordScheduledAttempt(
    attempt: NewAttempt,
    next: Pick<DepositEntity, 'status' | 'attempts' | 'nextAttemptAt' | 'deliveredAt'>,
  ): Promise<boolean> {
    // One statement (atomic on its own): the hot path pays one round trip, not BEGIN..COMMIT.
    const [row] = await this.dataSource.query<{ moved: string }[]>(
      `WITH moved AS (
         UPDATE deposits SET status = $2, attempts = $3, next_attempt_at = $4, delivered_at = $5
          WHERE id = $1 AND status = 'sending' AND attempts = $6
          RETURNING 1),
       logged AS (
         INSERT INTO callback_attempts
           (deposit_id, attempt, manual, requested_at, success, status_code, latency_ms, response_snippet, error)
         VALUES ($1, $7, false, $8, $9, $10, $11, $12, $13)
         RETURNING 1)
       SELECT (SELECT count(*) FROM moved) AS moved, (SELECT count(*) FROM logged) AS logged`,
      [
        attempt.depositId,
        next.status,
        next.attempts,
        next.nextAttemptAt,
        next.deliveredAt,
        (attempt.attempt ?? 1) - 1,
        attempt.attempt,
        attempt.requestedAt,
        attempt.success,
        attempt.statusCode,
        attempt.latencyMs,
        attempt.responseSnippet,
        attempt.error,
      ],
    );
    return Number(row.moved) > 0;
  }

  /** A manual resend is logged whatever the state, and an OK makes the deposit `success`. */
  async recordManualAttempt(attempt: NewAttempt): Promise<void> {
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

  /**
   * Holds a deposit whose attempt came due while its endpoint is paused: it stays `sending`, with no
   * attempt due, until the endpoint resumes. Conditional on the pause in the same statement, so a
   * resume that commits first leaves the deposit to be called now.
   */
  async hold(depositId: string, attempt: number): Promise<boolean> {
    const result = await this.dataSource.query<[unknown[], number]>(
      `UPDATE deposits d SET next_attempt_at = NULL
        WHERE d.id = $1 AND d.status = 'sending' AND d.attempts = $2
          AND EXISTS (SELECT 1 FROM callback_endpoints e WHERE e.account_id = d.account_id AND e.paused_at IS NOT NULL)`,
      [depositId, attempt - 1],
    );
    return result[1] > 0;
  }

  /**
   * Makes held deposits due now, of one account or (for the reconciler) of every account that is
   * not paused (any hold left over by a race with a resume). Returns what to enqueue.
   */
  async releaseHeld(accountId?: string): Promise<{ id: string; attempts: number }[]> {
    const [rows] = await this.dataSource.query<[{ id: string; attempts: number }[], number]>(
      `UPDATE deposits d SET next_attempt_at = now()
        WHERE d.status = 'sending' AND d.next_attempt_at IS NULL AND d.deleted_at IS NULL
          ${accountId ? 'AND d.account_id = $1' : ''}
          AND NOT EXISTS (SELECT 1 FROM callback_endpoints e WHERE e.account_id = d.account_id AND e.paused_at IS NOT NULL)
        RETURNING d.id, d.attempts`,
      accountId ? [accountId] : [],
    );
    return rows.map((row) => ({ id: String(row.id), attempts: Number(row.attempts) }));
  }

  async heldCount(accountId: string): Promise<number> {
    return this.deposits.count({ where: { accountId, status: 'sending', nextAttemptAt: IsNull() } });
  }

  /** When the account's endpoint last answered OK (any call: scheduled, manual). */
  async lastSuccessAt(accountId: string): Promise<Date | null> {
    const [row] = await this.dataSource.query<{ at: Date | null }[]>(
      `SELECT max(a.requested_at) AS at FROM callback_attempts a JOIN deposits d ON d.id = a.deposit_id
        WHERE d.account_id = $1 AND a.success`,
      [accountId],
    );
    return row?.at ?? null;
  }

  /**
   * One page of due deliveries (status `sending`, next attempt at or before `now`), in
   * (nextAttemptAt, id) order starting after `after`, for the reconciler to walk them all.
   */
  async duePage(now: Date, after: DueDelivery | null, limit: number): Promise<DueDelivery[]> {
    const rows = await this.dataSource.query<{ id: string; attempts: number; next_attempt_at: Date }[]>(
      `SELECT id, attempts, next_attempt_at FROM deposits
        WHERE status = 'sending' AND deleted_at IS NULL AND next_attempt_at <= $1
          ${after ? 'AND (next_attempt_at, id) > ($3, $4)' : ''}
        ORDER BY next_attempt_at, id LIMIT $2`,
      after ? [now, limit, after.nextAttemptAt, after.id] : [now, limit],
    );
    return rows.map((row) => ({
      id: String(row.id),
      attempts: Number(row.attempts),
      nextAttemptAt: row.next_attempt_at,
    }));
  }

  /** A merchant's deposits by tid (missing or another merchant's are simply absent). */
  async byTids(merchantId: string, tids: string[]): Promise<DepositEntity[]> {
    return tids.length === 0 ? [] : this.deposits.findBy({ merchantId, tid: In(tids) });
  }

  /** A merchant's deposits of one status recorded since a time, oldest first. */
  async byStatusSince(
    merchantId: string,
    status: DepositStatus,
    since: Date,
    limit: number,
  ): Promise<DepositEntity[]> {
    return this.deposits.find({
      where: { merchantId, status, createdAt: MoreThanOrEqual(since) },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
    });
  }
}
