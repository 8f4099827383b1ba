import { BANK_CODE } from 'src/banks/banks.constants';

/**
 * Digits a bank's account numbers have, hyphens removed: a plausibility check at registration, so
 * a digit dropped or added while typing is caught before the merchant subscribes the SMS alert.
 *
 * Sourced from public knowledge of each bank's printed formats (passbooks, transfer screens), not
 * from a bank specification. Ranges are kept generous where a bank has several generations of
 * numbers or offers 평생계좌 (numbers built from a mobile number, 10–14 digits). Entries marked
 * UNCERTAIN are the ones most likely to need widening if a real account is refused.
 */
export const ACCOUNT_NUMBER_LENGTHS: Readonly<Record<string, { min: number; max: number }>> = {
  [BANK_CODE.KDB]: { min: 11, max: 14 }, // 000-0000-0000-000 (14); older 11. UNCERTAIN
  [BANK_CODE.IBK]: { min: 10, max: 14 }, // 000-000000-00-000 (14); 평생계좌 (10–11)
  [BANK_CODE.KB]: { min: 10, max: 14 }, // 000000-00-000000 (14), 000-00-0000-000 (12); 평생계좌
  [BANK_CODE.SUHYUP]: { min: 11, max: 14 }, // 000-00-000000 (11), 0000-0000-0000 (12). UNCERTAIN
  [BANK_CODE.NH]: { min: 11, max: 14 }, // 000-0000-0000-00 (13), 000000-00-000000 (14); 평생계좌
  [BANK_CODE.NH_LOCAL]: { min: 13, max: 14 }, // 000-0000-0000-00 (13), 000000-00-000000 (14)
  [BANK_CODE.WOORI]: { min: 11, max: 14 }, // 0000-000-000000 (13), 000-000000-00-000 (14 old); 평생계좌 (11)
  [BANK_CODE.SC]: { min: 11, max: 14 }, // 000-00-000000 (11); 14 for newer products. UNCERTAIN
  [BANK_CODE.CITI]: { min: 10, max: 13 }, // 0-000000-000 (10), 000-00000-000 (11–13). UNCERTAIN
  [BANK_CODE.IM]: { min: 11, max: 14 }, // 000-00-000000-0 (12), 000-00-000000 (11). UNCERTAIN
  [BANK_CODE.BUSAN]: { min: 12, max: 13 }, // 000-0000-0000-00 (13), 000-00-000000-0 (12). UNCERTAIN
  [BANK_CODE.GWANGJU]: { min: 12, max: 13 }, // 000-000-000000 (12), 0000-000-000000 (13). UNCERTAIN
  [BANK_CODE.JEJU]: { min: 10, max: 12 }, // 00-00-000000 (10), 000-00-000000 (11). UNCERTAIN
  [BANK_CODE.JEONBUK]: { min: 12, max: 13 }, // 000-00-0000000 (12), 0000-00-0000000 (13). UNCERTAIN
  [BANK_CODE.KYONGNAM]: { min: 12, max: 13 }, // 000-00-0000000 (12), 000-0000-0000-00 (13). UNCERTAIN
  [BANK_CODE.MG]: { min: 13, max: 14 }, // 9000-0000-0000-0 (13); 14 for some products
  [BANK_CODE.CU]: { min: 12, max: 13 }, // 000-000-000000 (12), 13 newer
  [BANK_CODE.EPOST]: { min: 14, max: 14 }, // 000000-00-000000 (14)
  [BANK_CODE.HANA]: { min: 11, max: 14 }, // 000-000000-00000 (14), 000-00-00000-0 (12 old 외환/서울); 평생계좌
  [BANK_CODE.SHINHAN]: { min: 11, max: 14 }, // 000-000-000000 (12), 000-00-000000 (11 old); 평생계좌
  [BANK_CODE.KBANK]: { min: 12, max: 12 }, // 000-000-000000 (12)
  [BANK_CODE.KAKAO]: { min: 13, max: 13 }, // 3333-00-0000000 (13)
  [BANK_CODE.TOSS]: { min: 12, max: 12 }, // 1000-0000-0000 (12)
};

/** Any Korean bank: what a bank without an entry is held to. */
const FALLBACK = { min: 10, max: 16 };

/** Null when plausible, else why not (without the field name). */
export function accountNumberProblem(bankCode: string, digits: string): string | null {
  if (!/^\d+$/.test(digits)) return 'must contain digits (hyphens and spaces are removed)';
  const { min, max } = ACCOUNT_NUMBER_LENGTHS[bankCode] ?? FALLBACK;
  if (digits.length >= min && digits.length <= max) return null;
  const expected = min === max ? `${min}` : `${min}-${max}`;
  return `${digits.length} digits is not a ${bankCode} account number (expected ${expected} digits)`;
}
