import { Injectable } from '@nestjs/common';
import { NotFoundError } from 'src/common/app-error';
import { kstDayStart } from 'src/common/clock';
import { Page, PageRequest } from 'src/common/pagination';
import { findBank } from 'src/banks/bank-registry';
import { CallbackAttemptEntity } from 'src/callbacks/callback-attempt.entity';
import { DepositEntity, DepositStatus, DepositVerdict } from 'src/deposits/deposit.entity';
import { DepositFilter, DepositRepository } from 'src/deposits/deposit.repository';

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

export interface DepositListQuery extends Omit<DepositFilter, 'merchantId' | 'from' | 'to'> {
  from?: string;
  to?: string;
}

@Injectable()
export class DepositService {
  constructor(private readonly deposits: DepositRepository) {}

  async list(merchantId: string, query: DepositListQuery, page: PageRequest): Promise<Page<DepositView>> {
    const result = await this.deposits.page(
      {
        ...query,
        merchantId,
        from: query.from ? kstDayStart(query.from) : undefined,
        to: query.to ? kstDayStart(query.to, 1) : undefined,
      },
      page,
    );
    return { ...result, items: result.items.map(toView) };
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
