import { BANKS, smsBankGroup } from 'src/banks/bank-registry';
import { BANK_CODE } from 'src/banks/banks.constants';
import { VisibleDigits, visibleKey } from 'src/numbers/account-hint';

/**
 * Which account digits each bank's 입출금 SMS shows (BANK-SMS.md §3). A bank can have several
 * layouts in use (old and new, masked and not); two accounts can be told apart only if EVERY
 * layout shows a digit where they differ, so each entry lists the layouts' masks and the weakest
 * one decides. A bank missing here has no layout with evidence: its accounts never share a SIM
 * with another account of the same merchant and bank.
 */
export const SMS_ACCOUNT_MASKS: Readonly<Record<string, readonly VisibleDigits[]>> = {
  // `123456**789` (REAL, many samples since 2010).
  [BANK_CODE.KB]: [{ leading: 6, trailing: 3 }],
  // Full `110-123-456789` (REAL 2024/25), `110-***-123456` (placeholder), `110-257-306***` (REAL 2010).
  [BANK_CODE.SHINHAN]: [
    { leading: 3, trailing: 6 },
    { leading: 9, trailing: 0 },
  ],
  // `*846950` (REAL), also `3450*01` (REAL-ish).
  [BANK_CODE.WOORI]: [
    { leading: 0, trailing: 6 },
    { leading: 4, trailing: 2 },
  ],
  // `123******45678` (REAL).
  [BANK_CODE.HANA]: [{ leading: 3, trailing: 5 }],
  // `469***12345678`, `461***04016` (REAL): digits 4-6 hidden; the shortest sample shows 5 trailing.
  [BANK_CODE.IBK]: [{ leading: 3, trailing: 5 }],
  // `352-****-4273-63` (REAL); 011 and 012 send the same "농협" SMS.
  [BANK_CODE.NH]: [{ leading: 3, trailing: 6 }],
  [BANK_CODE.NH_LOCAL]: [{ leading: 3, trailing: 6 }],
  // `110******246` (REAL recent and 2010).
  [BANK_CODE.EPOST]: [{ leading: 3, trailing: 3 }],
  // `132*****2222` (REAL).
  [BANK_CODE.CU]: [{ leading: 3, trailing: 4 }],
  // `900326**6` (REAL).
  [BANK_CODE.MG]: [{ leading: 6, trailing: 1 }],
  // `홍길*(0276)` (REAL, flattened).
  [BANK_CODE.KBANK]: [{ leading: 0, trailing: 4 }],
  // `심*민(8205)` (REAL).
  [BANK_CODE.KAKAO]: [{ leading: 0, trailing: 4 }],
  // Not listed, so never shared: 수협 (mask only CONSTRUCTED), iM (one unverified sample), SC, 씨티,
  // 부산, 경남, 광주, 전북, 제주, 산업, 토스 (no SMS seen).
};

/**
 * Banks whose SMS a holder of `bankCode` could see or be confused with on one SIM: the same SMS
 * group (농협 011/012) and every bank sending from one of the same official numbers (a bank's
 * verification SMS is shown by sender). Rule 1 is applied across this whole group.
 */
export function sameSmsBanks(bankCode: string): string[] {
  const bank = BANKS.find((b) => b.code === bankCode);
  const senders = new Set(bank?.senders ?? []);
  const codes = new Set(smsBankGroup(bankCode));
  codes.add(bankCode);
  for (const other of BANKS) {
    if (other.senders.some((sender) => senders.has(sender))) codes.add(other.code);
  }
  return [...codes].sort();
}

/**
 * Whether an SMS about one of these accounts can never be read as being about the other: both
 * banks' layouts (the same list when they share an SMS) show a differing digit in every layout.
 */
export function distinguishableInSms(
  a: { bankCode: string; accountNumber: string },
  b: { bankCode: string; accountNumber: string },
): boolean {
  const masksA = SMS_ACCOUNT_MASKS[a.bankCode];
  const masksB = SMS_ACCOUNT_MASKS[b.bankCode];
  if (!masksA || !masksB || JSON.stringify(masksA) !== JSON.stringify(masksB)) return false;
  return masksA.every((mask) => {
    if (mask.leading + mask.trailing === 0) return false;
    return visibleKey(a.accountNumber, mask) !== visibleKey(b.accountNumber, mask);
  });
}
