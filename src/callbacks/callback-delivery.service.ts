import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { maskTail, rootLogger } from 'src/common/logger';
import { APP_CONFIG, AppConfig } from 'src/config/env.dto';
import { findBank } from 'src/banks/bank-registry';
import { DeliveryRepository, DeliveryTarget } from 'src/callbacks/callback-attempt.repository';
import { DepositCallback, prepareCallback } from 'src/callbacks/callback-request';
import { CallbackOutcome, CallbackSender } from 'src/callbacks/callback-sender';
import { CallbackScheduler } from 'src/callbacks/callback.scheduler';
import { MerchantEntity } from 'src/merchants/merchant.entity';

const logger = rootLogger.child({ module: 'callbacks' });

/** One call to the merchant, scheduled or manual, and what it changes. */
@Injectable()
export class CallbackDeliveryService implements OnModuleDestroy {
  private readonly sender: CallbackSender;

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly scheduler: CallbackScheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.sender = new CallbackSender({
      timeoutMs: config.callback.timeoutMs,
      allowPrivate: config.callback.allowPrivate,
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.sender.close();
  }

  /** Attempt `attempt` of the automatic schedule; schedules the next one or ends as `no_response`. */
  async deliverScheduled(depositId: string, attempt: number): Promise<void> {
    const target = await this.deliveries.load(depositId);
    if (
      !target ||
      target.deposit.status !== 'sending' ||
      target.deposit.attempts !== attempt - 1 ||
      target.deposit.deletedAt
    ) {
      return; // already handled (duplicate job, resend succeeded, deleted)
    }
    const requestedAt = new Date();
    const outcome = await this.call(target, attempt, requestedAt);
    const last = attempt >= this.config.callback.maxAttempts;
    const nextAttemptAt =
      outcome.ok || last ? null : new Date(Date.now() + this.config.callback.retryDelayMs);
    const recorded = await this.deliveries.recordScheduledAttempt(
      this.attemptRow(target, attempt, requestedAt, outcome),
      {
        status: outcome.ok ? 'success' : last ? 'no_response' : 'sending',
        attempts: attempt,
        nextAttemptAt,
        deliveredAt: outcome.ok ? new Date() : null,
      },
    );
    if (recorded && nextAttemptAt) {
      await this.scheduler.schedule(depositId, attempt + 1, this.config.callback.retryDelayMs);
    }
  }

  /** 수동전송: one immediate call outside the schedule, logged as manual. */
  async deliverManual(target: DeliveryTarget): Promise<CallbackOutcome> {
    const requestedAt = new Date();
    const outcome = await this.call(target, 'manual', requestedAt);
    await this.deliveries.recordManualAttempt(this.attemptRow(target, null, requestedAt, outcome));
    return outcome;
  }

  private async call(
    target: DeliveryTarget,
    attempt: number | 'manual',
    now: Date,
  ): Promise<CallbackOutcome> {
    const { deposit, account, merchant } = target;
    const payload: DepositCallback = {
      tid: deposit.tid,
      merchantId: merchant.id,
      bankCode: deposit.bankCode,
      bankName: findBank(deposit.bankCode)?.name ?? deposit.bankCode,
      accountId: account.id,
      account: account.accountNumber,
      amount: Number(deposit.amount),
      name: deposit.depositorName,
      balance: deposit.balance === null ? null : Number(deposit.balance),
      depositedAt: deposit.depositedAt,
      verdict: deposit.verdict,
      memo: account.memo,
      attempt,
    };
    let outcome: CallbackOutcome;
    try {
      const request = prepareCallback(
        {
          url: account.callbackUrl,
          charset: account.charset,
          format: account.callbackFormat,
          secrets: signingSecrets(merchant, now),
        },
        payload,
        now,
      );
      outcome = await this.sender.send(request, account.callbackFormat);
    } catch (error) {
      // A stored URL that can no longer be called is a failed attempt like any other, not a stuck deposit.
      outcome = {
        ok: false,
        statusCode: null,
        latencyMs: 0,
        bodySnippet: null,
        error: (error as Error).message,
        permanent: true,
      };
    }
    logger.info(
      {
        tid: deposit.tid,
        attempt,
        ok: outcome.ok,
        statusCode: outcome.statusCode,
        latencyMs: outcome.latencyMs,
        error: outcome.error,
        secret: maskTail(merchant.callbackSecret),
      },
      'callback attempt',
    );
    return outcome;
  }

  private attemptRow(
    target: DeliveryTarget,
    attempt: number | null,
    requestedAt: Date,
    outcome: CallbackOutcome,
  ) {
    return {
      depositId: target.deposit.id,
      attempt,
      manual: attempt === null,
      requestedAt,
      success: outcome.ok,
      statusCode: outcome.statusCode,
      latencyMs: Math.round(outcome.latencyMs),
      responseSnippet: outcome.bodySnippet?.slice(0, 200) ?? null,
      error: outcome.error,
    };
  }
}

/** During a secret rotation's grace period both secrets sign, current first. */
function signingSecrets(merchant: MerchantEntity, now: Date): string[] {
  const previousValid =
    merchant.callbackSecretPrevious &&
    merchant.callbackSecretPreviousUntil &&
    merchant.callbackSecretPreviousUntil > now;
  return previousValid
    ? [merchant.callbackSecret, merchant.callbackSecretPrevious!]
    : [merchant.callbackSecret];
}
