import { randomInt } from 'node:crypto';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { BankAccountEntity } from 'src/accounts/bank-account.entity';
import { findBank } from 'src/banks/bank-registry';
import { DeliveryRepository, DeliveryTarget, NewAttempt } from 'src/callbacks/callback-attempt.repository';
import { CallbackEndpointRepository } from 'src/callbacks/callback-endpoint.repository';
import { DepositCallback, prepareCallback } from 'src/callbacks/callback-request';
import { CallbackOutcome, CallbackSender } from 'src/callbacks/callback-sender';
import { CallbackScheduler } from 'src/callbacks/callback.scheduler';
import { maskTail, rootLogger } from 'src/common/logger';
import { APP_CONFIG, AppConfig } from 'src/config/env.dto';
import { MerchantEntity } from 'src/merchants/merchant.entity';

const logger = rootLogger.child({ module: 'callbacks' });
const DAY_MS = 86_400_000;
/** A job for a merchant host that is at its limit goes back to the queue this much later. */
const HOST_BUSY_DEFER_MS = 250;

/** Test callbacks carry a tid no deposit can have: KST minute digits are never all zero. */
const TEST_TID_PREFIX = '0000000000';

/** What a call needs of an account (an entity, or the AccountService view of one). */
export type CallbackAccount = Pick<
  BankAccountEntity,
  'id' | 'bankCode' | 'accountNumber' | 'memo' | 'callbackUrl' | 'charset' | 'callbackFormat'
>;

/** One call to the merchant (scheduled, manual or test) and what it changes. */
@Injectable()
export class CallbackDeliveryService implements OnModuleDestroy {
  private readonly sender: CallbackSender;
  /** Scheduled calls in flight per merchant host (host:port). */
  private readonly inFlight = new Map<string, number>();
  private readonly perHostLimit: number;

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly endpoints: CallbackEndpointRepository,
    private readonly scheduler: CallbackScheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // One merchant host may hold a quarter of the workers, so a slow shop cannot starve the rest.
    this.perHostLimit = Math.max(1, Math.ceil(config.callback.concurrency / 4));
    this.sender = new CallbackSender({
      timeoutMs: config.callback.timeoutMs,
      allowPrivate: config.callback.allowPrivate,
      connectionsPerHost: this.perHostLimit,
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
    if (target.endpoint?.pausedAt && (await this.deliveries.hold(depositId, attempt))) {
      logger.info({ tid: target.deposit.tid, attempt }, 'callback endpoint paused; deposit held');
      return;
    }
    const host = hostOf(target.account.callbackUrl);
    if ((this.inFlight.get(host) ?? 0) >= this.perHostLimit) {
      // Waiting here would hold a worker that another merchant's deposit could use. The job ends
      // and the attempt is enqueued again shortly (the reconciler backs this up).
      setTimeout(() => void this.scheduler.schedule(depositId, attempt, 0), HOST_BUSY_DEFER_MS).unref();
      return;
    }
    this.inFlight.set(host, (this.inFlight.get(host) ?? 0) + 1);
    let outcome: CallbackOutcome;
    const requestedAt = new Date();
    try {
      outcome = await this.call(target, attempt, requestedAt);
    } finally {
      const left = (this.inFlight.get(host) ?? 1) - 1;
      if (left > 0) this.inFlight.set(host, left);
      else this.inFlight.delete(host);
    }
    const last = attempt >= this.config.callback.maxAttempts;
    const nextAttemptAt =
      outcome.ok || last ? null : new Date(Date.now() + this.config.callback.retryDelayMs);
    const recorded = await this.deliveries.recordScheduledAttempt(
      attemptRow(target, attempt, requestedAt, outcome),
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
    await this.afterCall(target.account, outcome, requestedAt, target.endpoint !== null);
  }

  /** 수동전송: one immediate call outside the schedule, logged as manual; an OK resumes a paused endpoint. */
  async deliverManual(target: DeliveryTarget): Promise<CallbackOutcome> {
    const requestedAt = new Date();
    const outcome = await this.call(target, 'manual', requestedAt);
    await this.deliveries.recordManualAttempt(attemptRow(target, null, requestedAt, outcome));
    await this.afterCall(target.account, outcome, requestedAt, target.endpoint !== null);
    return outcome;
  }

  /**
   * A test callback: a fake deposit marked as test (`deposit.test` in json, `test=1` in query) with
   * a tid starting `0000000000`, sent to the account's endpoint; nothing is stored but the
   * endpoint's health, so an OK resumes a paused endpoint.
   */
  async deliverTest(
    account: CallbackAccount,
    merchant: MerchantEntity,
  ): Promise<CallbackOutcome & { tid: string }> {
    const requestedAt = new Date();
    const tid = `${TEST_TID_PREFIX}${String(randomInt(100_000)).padStart(5, '0')}`;
    const outcome = await this.send(
      account,
      merchant,
      {
        tid,
        merchantId: merchant.id,
        bankCode: account.bankCode,
        bankName: findBank(account.bankCode)?.name ?? account.bankCode,
        accountId: account.id,
        account: account.accountNumber,
        amount: 1000,
        name: '테스트',
        balance: null,
        depositedAt: requestedAt,
        verdict: 'verified',
        memo: account.memo,
        attempt: 'manual',
        test: true,
      },
      requestedAt,
    );
    await this.afterCall(account, outcome, requestedAt, true);
    return { ...outcome, tid };
  }

  private call(target: DeliveryTarget, attempt: number | 'manual', now: Date): Promise<CallbackOutcome> {
    const { deposit, account, merchant } = target;
    return this.send(
      account,
      merchant,
      {
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
      },
      now,
    );
  }

  private async send(
    account: CallbackAccount,
    merchant: MerchantEntity,
    payload: DepositCallback,
    now: Date,
  ): Promise<CallbackOutcome> {
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
        tid: payload.tid,
        attempt: payload.test ? 'test' : payload.attempt,
        ok: outcome.ok,
        statusCode: outcome.statusCode,
        latencyMs: outcome.latencyMs,
        response: outcome.bodySnippet?.slice(0, 200),
        error: outcome.error,
        secret: maskTail(merchant.callbackSecret),
      },
      'callback attempt',
    );
    return outcome;
  }

  /**
   * Endpoint health after a call: an OK clears a failure streak and resumes a paused endpoint
   * (its held deposits are called now); a failure extends the streak, and a streak of
   * CALLBACK_PAUSE_AFTER_DAYS pauses automatic calls. Health bookkeeping never fails a delivery.
   * `knownUnhealthy` false (no health row when the deposit was loaded) spares the OK path a write.
   */
  private async afterCall(
    account: CallbackAccount,
    outcome: CallbackOutcome,
    at: Date,
    knownUnhealthy: boolean,
  ): Promise<void> {
    try {
      if (outcome.ok) {
        if (knownUnhealthy && (await this.endpoints.recordSuccess(account.id))) await this.resume(account.id);
        return;
      }
      const health = await this.endpoints.recordFailure(account.id, at, outcome.error);
      const pauseAfterMs = this.config.callback.pauseAfterDays * DAY_MS;
      if (
        pauseAfterMs > 0 &&
        !health.pausedAt &&
        at.getTime() - health.failingSince.getTime() >= pauseAfterMs
      ) {
        const reason =
          `no OK answer since ${health.failingSince.toISOString()} ` +
          `(${this.config.callback.pauseAfterDays} days or more); last error: ${outcome.error ?? 'unknown'}. ` +
          'Automatic callbacks are paused and new deposits wait as `sending`; a successful resend ' +
          'or POST /api/v1/accounts/:id/test-callback resumes them.';
        if (await this.endpoints.pause(account.id, at, reason)) {
          logger.warn(
            { accountId: account.id, failingSince: health.failingSince },
            'callback endpoint paused',
          );
        }
      }
    } catch (error) {
      logger.error({ err: error, accountId: account.id }, 'could not update callback endpoint health');
    }
  }

  private async resume(accountId: string): Promise<void> {
    const released = await this.deliveries.releaseHeld(accountId);
    for (const deposit of released) await this.scheduler.schedule(deposit.id, deposit.attempts + 1, 0);
    logger.info({ accountId, released: released.length }, 'callback endpoint resumed');
  }
}

/** The merchant host a URL calls (host:port), the unit of the per-host limit. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function attemptRow(
  target: DeliveryTarget,
  attempt: number | null,
  requestedAt: Date,
  outcome: CallbackOutcome,
): NewAttempt {
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
