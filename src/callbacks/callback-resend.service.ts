import { Injectable } from '@nestjs/common';
import { DeliveryRepository } from 'src/callbacks/callback-attempt.repository';
import { CallbackDeliveryService } from 'src/callbacks/callback-delivery.service';
import { NotFoundError, UnprocessableError } from 'src/common/app-error';
import { kstParts } from 'src/common/clock';
import { DepositEntity, DepositStatus } from 'src/deposits/deposit.entity';
import { MerchantEntity } from 'src/merchants/merchant.entity';

/** Calls made at once by one bulk resend; the per-host connection limit applies on top. */
export const RESEND_CONCURRENCY = 8;
/** Most deposits one bulk resend calls (a larger selection answers `truncated`; repeat it). */
export const RESEND_MAX = 1000;

export interface ResendResult {
  tid: string;
  success: boolean;
  statusCode: number | null;
  error: string | null;
}

export interface BulkResendResult {
  total: number;
  succeeded: number;
  failed: number;
  truncated: boolean;
  results: ResendResult[];
}

export type ResendSelection =
  { tids: string[] } | { status: Extract<DepositStatus, 'no_response' | 'expired'>; since: Date };

/** 수동전송, of one deposit or of a selection: one immediate call each, logged as manual. */
@Injectable()
export class CallbackResendService {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly delivery: CallbackDeliveryService,
  ) {}

  async resendOne(merchant: MerchantEntity, tid: string): Promise<ResendResult> {
    const deposits = await this.deliveries.byTids(merchant.id, [tid]);
    if (deposits.length === 0) throw new NotFoundError('deposit', { tid });
    const refusal = refusalOf(merchant, deposits[0], new Date());
    if (refusal) throw new UnprocessableError(refusal, { tid });
    return this.resend(deposits[0]);
  }

  async resendMany(merchant: MerchantEntity, selection: ResendSelection): Promise<BulkResendResult> {
    let deposits: DepositEntity[];
    let truncated = false;
    const missing: ResendResult[] = [];
    if ('tids' in selection) {
      const tids = [...new Set(selection.tids)];
      deposits = await this.deliveries.byTids(merchant.id, tids);
      const found = new Set(deposits.map((deposit) => deposit.tid));
      for (const tid of tids.filter((t) => !found.has(t))) {
        missing.push({ tid, success: false, statusCode: null, error: 'deposit not found' });
      }
    } else {
      deposits = await this.deliveries.byStatusSince(
        merchant.id,
        selection.status,
        selection.since,
        RESEND_MAX + 1,
      );
      truncated = deposits.length > RESEND_MAX;
      deposits = deposits.slice(0, RESEND_MAX);
    }
    const now = new Date();
    const results = await mapBounded(deposits, RESEND_CONCURRENCY, (deposit) => {
      const refusal = refusalOf(merchant, deposit, now);
      return refusal
        ? Promise.resolve({ tid: deposit.tid, success: false, statusCode: null, error: refusal })
        : this.resend(deposit);
    });
    const all = [...results, ...missing];
    const succeeded = all.filter((result) => result.success).length;
    return { total: all.length, succeeded, failed: all.length - succeeded, truncated, results: all };
  }

  private async resend(deposit: DepositEntity): Promise<ResendResult> {
    const target = await this.deliveries.load(deposit.id);
    if (!target) return { tid: deposit.tid, success: false, statusCode: null, error: 'deposit not found' };
    const outcome = await this.delivery.deliverManual(target);
    return { tid: deposit.tid, success: outcome.ok, statusCode: outcome.statusCode, error: outcome.error };
  }
}

/**
 * An `expired` deposit (recorded after the service period) is sent only once the period is renewed
 * past today (CONTRACT.md); the reason is what the merchant reads.
 */
function refusalOf(merchant: MerchantEntity, deposit: DepositEntity, now: Date): string | null {
  if (deposit.status !== 'expired' || !merchant.serviceUntil) return null;
  const p = kstParts(now);
  const today = [p.year, p.month, p.day].map((n) => String(n).padStart(2, '0')).join('-');
  return today > merchant.serviceUntil
    ? `service period ended ${merchant.serviceUntil}; an expired deposit is sent after renewal`
    : null;
}

/** `fn` over `items` with at most `limit` running at once, results in input order. */
async function mapBounded<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
