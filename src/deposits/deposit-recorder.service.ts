import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { EntityManager } from 'typeorm';
import { kstParts } from 'src/common/clock';
import { rootLogger } from 'src/common/logger';
import { ParsedBankSms, parseBankSms } from 'src/banks/bank-sms-parser';
import { CallbackScheduler } from 'src/callbacks/callback.scheduler';
import { DepositEntity, DepositStatus, DepositVerdict } from 'src/deposits/deposit.entity';
import { DepositRepository } from 'src/deposits/deposit.repository';
import { formatTid } from 'src/deposits/tid';
import { MerchantEntity } from 'src/merchants/merchant.entity';
import { NumbersService } from 'src/numbers/numbers.service';
import { InboundSmsEntity, InboundSmsStatus } from 'src/sms/inbound-sms.entity';
import { InboundSmsRepository } from 'src/sms/inbound-sms.repository';
import { SMS_RECEIVED, SmsReceived } from 'src/sms/sms.events';

const logger = rootLogger.child({ module: 'deposit-recorder' });
const RECOVERY_INTERVAL_MS = 60_000;

/**
 * Turns a committed InboundSms into its outcome: parse (banks/), attribute (numbers/), and for a
 * deposit write the Deposit row with its first delivery due, all in one transaction with the
 * outcome. Unique `inbound_sms_id` makes a second run a no-op.
 */
@Injectable()
export class DepositRecorder implements OnApplicationBootstrap, OnModuleDestroy {
  private recoveryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly messages: InboundSmsRepository,
    private readonly numbers: NumbersService,
    private readonly deposits: DepositRepository,
    private readonly scheduler: CallbackScheduler,
  ) {}

  onApplicationBootstrap(): void {
    // Messages committed just before a crash (stored, not yet classified) are picked up here.
    void this.recoverUnclassified();
    this.recoveryTimer = setInterval(() => void this.recoverUnclassified(), RECOVERY_INTERVAL_MS);
    this.recoveryTimer.unref();
  }

  onModuleDestroy(): void {
    if (this.recoveryTimer) clearInterval(this.recoveryTimer);
  }

  @OnEvent(SMS_RECEIVED, { async: true, promisify: true })
  async onSmsReceived(event: SmsReceived): Promise<void> {
    await this.classify(event.inboundSmsId);
  }

  async classify(inboundSmsId: string): Promise<void> {
    const deposit = await this.numbers.runInTransaction(async (manager) => {
      const sms = await this.messages.lockUnclassified(manager, inboundSmsId);
      if (!sms) return null;
      const parsed = parseBankSms({
        sender: sms.sender,
        text: sms.text,
        receivedAt: sms.smscTimestamp ?? sms.receivedAt,
      });
      return this.record(manager, sms, parsed);
    });
    if (deposit?.status === 'sending') await this.scheduler.schedule(deposit.id, 1, 0);
  }

  private async record(
    manager: EntityManager,
    sms: InboundSmsEntity,
    parsed: ParsedBankSms,
  ): Promise<DepositEntity | null> {
    const outcome = (status: InboundSmsStatus, error: string | null = parsed.reason) =>
      this.messages.setOutcome(manager, sms.id, {
        status,
        bankCode: parsed.bankCode,
        parsed: { ...parsed },
        error,
      });
    if (parsed.kind !== 'deposit' || !parsed.bankCode || parsed.amount === null) {
      await outcome(parsed.kind === 'deposit' ? 'unparsed' : parsed.kind);
      return null;
    }
    const attribution = await this.numbers.attribute(manager, {
      simId: sms.simId,
      bankCode: parsed.bankCode,
      accountHint: parsed.accountHint,
    });
    if (!attribution.account) {
      await outcome('unattributed', attribution.reason);
      return null;
    }
    const account = attribution.account;
    const merchant = await manager.findOneByOrFail(MerchantEntity, { id: account.merchantId });
    const now = new Date();
    const status: DepositStatus = isPastServicePeriod(merchant, now) ? 'expired' : 'sending';
    const verdict = judge(parsed);
    const deposit = await this.deposits.insert(manager, {
      tid: formatTid(now, await this.deposits.nextTidSequence(manager)),
      inboundSmsId: sms.id,
      merchantId: account.merchantId,
      accountId: account.id,
      bankCode: parsed.bankCode,
      amount: String(parsed.amount),
      depositorName: parsed.name ?? '',
      balance: parsed.balance === null ? null : String(parsed.balance),
      depositedAt: parsed.occurredAt ?? sms.smscTimestamp ?? sms.receivedAt,
      verdict: verdict.verdict,
      verdictReason: verdict.reason,
      status,
      attempts: 0,
      nextAttemptAt: status === 'sending' ? now : null,
      smsReceivedAt: sms.receivedAt,
    });
    await outcome('deposit', null);
    logger.info(
      { tid: deposit.tid, accountId: account.id, status, inboundSmsId: sms.id },
      'deposit recorded',
    );
    return deposit;
  }

  private async recoverUnclassified(): Promise<void> {
    try {
      for (const id of await this.messages.unclassifiedIds()) await this.classify(id);
    } catch (error) {
      logger.error({ err: error }, 'recovery of unclassified SMS failed; will retry');
    }
  }
}

/** serviceUntil is the last KST day of service, inclusive. */
function isPastServicePeriod(merchant: MerchantEntity, now: Date): boolean {
  if (!merchant.serviceUntil) return false;
  const p = kstParts(now);
  const today = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  return today > merchant.serviceUntil;
}

function judge(parsed: ParsedBankSms): { verdict: DepositVerdict; reason: string | null } {
  if (parsed.confidence !== 'high') {
    return { verdict: 'suspicious', reason: 'no confirmed template for this bank' };
  }
  return { verdict: 'verified', reason: null };
}
