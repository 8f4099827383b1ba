import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { EntityManager } from 'typeorm';
import { kstParts } from 'src/common/clock';
import { rootLogger } from 'src/common/logger';
import { ParsedBankSms, parseBankSms } from 'src/banks/bank-sms-parser';
import { normaliseSender } from 'src/banks/sms-normalise';
import { CallbackScheduler } from 'src/callbacks/callback.scheduler';
import { judgeAuthenticity } from 'src/deposits/authenticity';
import { BalanceChainRepository } from 'src/deposits/balance-chain.repository';
import { DepositEntity, DepositStatus } from 'src/deposits/deposit.entity';
import { DepositRepository } from 'src/deposits/deposit.repository';
import { formatTid } from 'src/deposits/tid';
import { MerchantEntity } from 'src/merchants/merchant.entity';
import { NumbersService } from 'src/numbers/numbers.service';
import { InboundSmsEntity, InboundSmsStatus } from 'src/sms/inbound-sms.entity';
import { InboundSmsRepository } from 'src/sms/inbound-sms.repository';
import { SMS_RECEIVED, SmsReceived } from 'src/sms/sms.events';

const logger = rootLogger.child({ module: 'deposit-recorder' });
const RECOVERY_INTERVAL_MS = 60_000;
/** After a failed classification (database blip) the recovery runs this soon, not a minute later. */
const RETRY_AFTER_FAILURE_MS = 2_000;

/**
 * Turns a committed InboundSms into its outcome: parse (banks/), attribute (numbers/), and for a
 * deposit write the Deposit row with its first delivery due, all in one transaction with the
 * outcome. Unique `inbound_sms_id` makes a second run a no-op.
 */
@Injectable()
export class DepositRecorder implements OnApplicationBootstrap, OnModuleDestroy {
  private recoveryTimer: NodeJS.Timeout | null = null;
  /** Stateless (takes the transaction's manager), so it needs no provider of its own. */
  private readonly chain = new BalanceChainRepository();

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
    try {
      await this.classify(event.inboundSmsId);
    } catch (error) {
      // The SMS is committed and stays `received`; classify it again shortly.
      logger.warn(
        { err: error, inboundSmsId: event.inboundSmsId },
        'classification failed; retrying shortly',
      );
      setTimeout(() => void this.recoverUnclassified(), RETRY_AFTER_FAILURE_MS).unref();
    }
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
    if (parsed.kind === 'deposit' && (!parsed.bankCode || parsed.amount === null)) {
      await outcome('unparsed');
      return null;
    }
    if (!isChainLink(parsed)) {
      await outcome(parsed.kind);
      return null;
    }
    // Withdrawals and reversals are attributed too: their balances are links of the chain the next
    // deposit is checked against (authenticity.ts).
    const attribution = await this.numbers.attribute(manager, {
      simId: sms.simId,
      bankCode: parsed.bankCode,
      accountHint: parsed.accountHint,
    });
    if (!attribution.account) {
      await outcome(parsed.kind === 'deposit' ? 'unattributed' : parsed.kind, attribution.reason);
      return null;
    }
    const account = attribution.account;
    const occurredAt = parsed.occurredAt ?? sms.smscTimestamp ?? sms.receivedAt;
    await this.chain.lockAccount(manager, account.id);
    await this.chain.record(manager, sms.id, {
      accountId: account.id,
      amount: parsed.amount,
      balance: parsed.balance,
      occurredAt,
    });
    if (parsed.kind !== 'deposit') {
      await outcome(parsed.kind);
      return null;
    }

    const previous = await this.chain.previous(manager, {
      id: sms.id,
      accountId: account.id,
      occurredAt,
      receivedAt: sms.receivedAt,
    });
    const verdict = judgeAuthenticity({ sender: normaliseSender(sms.sender), parsed, previous });
    const merchant = await manager.findOneByOrFail(MerchantEntity, { id: account.merchantId });
    const now = new Date();
    const status: DepositStatus = isPastServicePeriod(merchant, now) ? 'expired' : 'sending';
    const deposit = await this.deposits.insert(manager, {
      tid: formatTid(now, await this.deposits.nextTidSequence(manager)),
      inboundSmsId: sms.id,
      merchantId: account.merchantId,
      accountId: account.id,
      bankCode: parsed.bankCode,
      amount: String(parsed.amount),
      depositorName: parsed.name ?? '',
      balance: parsed.balance === null ? null : String(parsed.balance),
      depositedAt: occurredAt,
      verdict: verdict.verdict,
      verdictReason: verdict.reason,
      status,
      attempts: 0,
      nextAttemptAt: status === 'sending' ? now : null,
      smsReceivedAt: sms.receivedAt,
    });
    await outcome('deposit', null);
    const log = { tid: deposit.tid, accountId: account.id, status, inboundSmsId: sms.id };
    if (verdict.verdict === 'suspicious') {
      logger.warn({ ...log, verdictReason: verdict.reason }, 'suspicious deposit recorded');
    } else {
      logger.info(log, 'deposit recorded');
    }
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

type ChainLinkSms = ParsedBankSms & { bankCode: string; amount: number };

/**
 * A transaction SMS read by a bank layout: deposits, withdrawals, and reversals (`other` with an
 * amount, e.g. KB 출금취소), which move the balance as well.
 */
function isChainLink(parsed: ParsedBankSms): parsed is ChainLinkSms {
  if (!parsed.bankCode || parsed.amount === null) return false;
  if (parsed.kind === 'deposit' || parsed.kind === 'withdrawal') return true;
  return parsed.kind === 'other' && parsed.formatId !== null && parsed.formatId !== 'generic';
}
