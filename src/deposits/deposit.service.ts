import { Injectable } from '@nestjs/common';
import { NotFoundError, ValidationError } from 'src/common/app-error';
import { Clock, SYSTEM_CLOCK } from 'src/common/clock';
import { Page, PageRequest } from 'src/common/pagination';
import { findBank } from 'src/banks/bank-registry';
import { CallbackAttemptEntity } from 'src/callbacks/callback-attempt.entity';
import { decodeCursor, encodeCursor } from 'src/deposits/deposit-cursor';
import { DepositCriteria, DepositFilter, resolveDayRange } from 'src/deposits/deposit-filter';
import { DepositEntity, DepositStatus, DepositVerdict } from 'src/deposits/deposit.entity';
import { DepositRepository } from 'src/deposits/deposit.repository';

export interface DepositView {
  tid: string;
  depositedAt: Date;
  bankCode: string;
  bankName: string;
  accountId: string;
  accountNumber: string | null;
  amount: number;
  depositorName: string;
  balance: number | null;
  verdict: DepositVerdict;
  verdictReason: string | null;
  status: DepositStatus;
  attempts: number;
  elapsedMs: number | null;
}

export interface AttemptView {
  attempt: number | 'manual';
  requestedAt: Date;
  success: boolean;
  statusCode: number | null;
  latencyMs: number;
  response: string | null;
  error: string | null;
}

/** `GET /deposits?since=`: what is new after the cursor, oldest first, and where to go on from. */
export interface DepositFeed {
  items: DepositView[];
  /** Pass back as `since` next time; equals the given cursor when nothing was new. */
  next: string;
  /** More is waiting right now: call again with `next` without waiting. */
  hasMore: boolean;
}

/** Criteria a feed can take: the ones a deposit never changes after it is recorded. */
const FEED_CRITERIA = new Set<keyof DepositCriteria>(['bankCode', 'accountId']);

@Injectable()
export class DepositService {
  private readonly clock: Clock = SYSTEM_CLOCK;

  constructor(private readonly deposits: DepositRepository) {}

  /** Criteria (days as KST calendar days) to the database filter of one merchant's live rows. */
  filterOf(merchantId: string, criteria: DepositCriteria): DepositFilter {
    const { from, to, preset, month, ...rest } = criteria;
    if (rest.minAmount !== undefined && rest.maxAmount !== undefined && rest.minAmount > rest.maxAmount) {
      throw new ValidationError('minAmount', 'must not be more than maxAmount');
    }
    return { ...rest, merchantId, ...resolveDayRange({ from, to, preset, month }, this.clock.now()) };
  }

  async list(merchantId: string, criteria: DepositCriteria, page: PageRequest): Promise<Page<DepositView>> {
    const result = await this.deposits.page(this.filterOf(merchantId, criteria), page);
    return { ...result, items: result.items.map(toView) };
  }

  async feed(
    merchantId: string,
    since: string,
    criteria: DepositCriteria,
    limit: number,
  ): Promise<DepositFeed> {
    const extra = Object.entries(criteria).find(
      ([key, value]) => value !== undefined && !FEED_CRITERIA.has(key as keyof DepositCriteria),
    );
    if (extra) throw new ValidationError(extra[0], 'cannot be combined with since');
    const position = decodeCursor(since);
    const rows = await this.deposits.feed({ ...criteria, merchantId }, position, limit + 1);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map(toView),
      next: last ? encodeCursor({ xid: last.createdXid, id: last.id }) : encodeCursor(position),
      hasMore: rows.length > limit,
    };
  }

  /** Soft delete (kept for audit); a pending callback for it is not sent any more. */
  async delete(merchantId: string, tid: string): Promise<void> {
    const [deleted] = await this.deposits.softDelete(merchantId, [tid]);
    if (!deleted) throw new NotFoundError('deposit', { tid });
  }

  async deleteMany(merchantId: string, tids: string[]): Promise<{ deleted: string[]; notFound: string[] }> {
    const unique = [...new Set(tids)];
    const deleted = new Set(await this.deposits.softDelete(merchantId, unique));
    return {
      deleted: unique.filter((tid) => deleted.has(tid)),
      notFound: unique.filter((tid) => !deleted.has(tid)),
    };
  }

  async get(merchantId: string, tid: string): Promise<DepositView> {
    return toView(await this.getEntity(merchantId, tid));
  }

  async attempts(merchantId: string, tid: string): Promise<AttemptView[]> {
    const deposit = await this.getEntity(merchantId, tid);
    return (await this.deposits.attemptsOf(deposit.id)).map(toAttemptView);
  }

  private async getEntity(merchantId: string, tid: string): Promise<DepositEntity> {
    const deposit = await this.deposits.findByTid(merchantId, tid);
    if (!deposit) throw new NotFoundError('deposit', { tid });
    return deposit;
  }
}

function toView(deposit: DepositEntity): DepositView {
  return {
    tid: deposit.tid,
    depositedAt: deposit.depositedAt,
    bankCode: deposit.bankCode,
    bankName: findBank(deposit.bankCode)?.name ?? deposit.bankCode,
    accountId: deposit.accountId,
    accountNumber: deposit.account?.accountNumber ?? null,
    amount: Number(deposit.amount),
    depositorName: deposit.depositorName,
    balance: deposit.balance === null ? null : Number(deposit.balance),
    verdict: deposit.verdict,
    verdictReason: deposit.verdictReason,
    status: deposit.status,
    attempts: deposit.attempts,
    elapsedMs: deposit.deliveredAt ? deposit.deliveredAt.getTime() - deposit.smsReceivedAt.getTime() : null,
  };
}

function toAttemptView(attempt: CallbackAttemptEntity): AttemptView {
  return {
    attempt: attempt.manual ? 'manual' : (attempt.attempt ?? 0),
    requestedAt: attempt.requestedAt,
    success: attempt.success,
    statusCode: attempt.statusCode,
    latencyMs: attempt.latencyMs,
    response: attempt.responseSnippet,
    error: attempt.error,
  };
}
