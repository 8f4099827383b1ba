import { findBank, isOfficialSender, smsBankGroup } from 'src/banks/bank-registry';
import type { ParsedBankSms } from 'src/banks/bank-sms-parser';
import type { DepositVerdict } from 'src/deposits/deposit.entity';

/** The latest earlier balance-bearing transaction SMS of the same account. */
export interface BalanceLink {
  inboundSmsId: string;
  balance: number;
  occurredAt: Date;
}

export interface AuthenticityInput {
  /** Normalised sender of the SMS. */
  sender: string;
  parsed: Pick<ParsedBankSms, 'bankCode' | 'amount' | 'balance' | 'confidence' | 'formatId'>;
  /** Null when this account has no earlier SMS stating a balance (first deposit, balance off). */
  previous: BalanceLink | null;
}

export interface Verdict {
  verdict: DepositVerdict;
  /** Every failed check, `; `-joined; null when verified. */
  reason: string | null;
}

const won = (n: number): string => `${n.toLocaleString('en-US')}원`;

/**
 * Authenticity of one deposit SMS (issue 4). `verified` needs all three:
 * - the sender is an official number of the bank whose layout the text has;
 * - the text matched a confirmed (high-confidence) template, not the generic fallback or a layout
 *   known only from constructed samples;
 * - when both this SMS and the account's previous one state a balance: previous + amount = balance.
 *   A forged SMS cannot know the real balance; a mismatch also shows an SMS that never arrived.
 * Anything else is `suspicious`, with every reason. A suspicious deposit is still recorded and
 * called back (with verdict=suspicious): the merchant decides, nothing is dropped.
 */
export function judgeAuthenticity(input: AuthenticityInput): Verdict {
  const { parsed, previous, sender } = input;
  const reasons: string[] = [];
  const bankCode = parsed.bankCode ?? '';
  const bankName = findBank(bankCode)?.name ?? (bankCode || 'unknown bank');

  if (!bankCode || !smsBankGroup(bankCode).some((code) => isOfficialSender(code, sender))) {
    reasons.push(`sender ${sender || '(empty)'} is not an official ${bankName} number`);
  }
  if (parsed.confidence !== 'high') {
    reasons.push(
      parsed.formatId === 'generic' || parsed.formatId === null
        ? `no confirmed ${bankName} template: read by the generic fallback`
        : `template ${parsed.formatId} is not confirmed by a real ${bankName} SMS`,
    );
  }
  if (previous && parsed.balance !== null && parsed.amount !== null) {
    const expected = previous.balance + parsed.amount;
    if (expected !== parsed.balance) {
      reasons.push(
        `balance ${won(parsed.balance)} does not follow the previous SMS #${previous.inboundSmsId} ` +
          `(balance ${won(previous.balance)} + ${won(parsed.amount)} = ${won(expected)}): ` +
          `an SMS was missed or this one is forged`,
      );
    }
  }
  return reasons.length === 0
    ? { verdict: 'verified', reason: null }
    : { verdict: 'suspicious', reason: reasons.join('; ') };
}
