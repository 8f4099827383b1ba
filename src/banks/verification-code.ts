/**
 * Verification codes (인증번호) in signup/identity SMS, per BANK-SMS.md §4:
 * a keyword, then the closest 4–8 digit run; masked codes, amounts, phone numbers, dates, times
 * and card approval numbers (승인번호) are never codes.
 */
export interface VerificationResult {
  /** A keyword was found. */
  isVerification: boolean;
  code: string | null;
  /** Why no code was taken, when isVerification is false or code is null. */
  reason: string | null;
}

const KEYWORD_RE =
  /인증\s*번호|확인\s*코드|인증\s*코드|인증\s*문자|본인\s*확인|verification\s*code|security\s*code|OTP\s*번호/gi;
// A "token" is a run of digits/stars, possibly joined by separators, so that 1599-3333, 12/31,
// 23:59, 1,000 and 7***5 each come out whole and can be judged as one thing.
const TOKEN_RE = /[0-9*]+(?:[-,./:][0-9*]+)*/g;
const PHONE_RE = /^(?:01[016789]\d{7,8}|0\d{8,10}|1[5-9]\d{6}|080\d{7,8})$/;
const UNIT_AFTER_RE = /^\s*(?:원|년|월|일|시|분|초|자리|개|회|건|%|번째|명|달러|만원)/;
const APPROVAL_BEFORE_RE = /승인\s*번호\s*[:：]?\s*[[(]?\s*$/;
const MAX_DISTANCE = 40;

export function extractVerificationCode(text: string): VerificationResult {
  const keywords: Array<{ start: number; end: number }> = [];
  for (const m of text.matchAll(KEYWORD_RE)) {
    keywords.push({ start: m.index, end: m.index + m[0].length });
  }
  if (keywords.length === 0) return { isVerification: false, code: null, reason: null };

  let best: { code: string; distance: number } | null = null;
  let masked = false;
  for (const m of text.matchAll(TOKEN_RE)) {
    const token = m[0];
    const start = m.index;
    const end = start + token.length;
    if (token.includes('*')) {
      if (/\d/.test(token)) masked = true;
      continue;
    }
    if (!/^\d{4,8}$/.test(token)) continue;
    const before = text.slice(Math.max(0, start - 12), start);
    const after = text.slice(end, end + 6);
    if (/[A-Za-z]$/.test(before) || /^[A-Za-z]/.test(after)) continue;
    if (UNIT_AFTER_RE.test(after)) continue;
    if (PHONE_RE.test(token)) continue;
    if (APPROVAL_BEFORE_RE.test(before)) continue;
    for (const k of keywords) {
      // After the keyword ("인증번호[123456]") is the usual order; before it ("123456 는 인증번호") costs more.
      const distance = start >= k.end ? start - k.end : (k.start - end) * 2 + 5;
      if (distance < 0 || distance > MAX_DISTANCE) continue;
      if (!best || distance < best.distance) best = { code: token, distance };
    }
  }
  if (best) return { isVerification: true, code: best.code, reason: null };
  if (masked) {
    return { isVerification: false, code: null, reason: 'masked verification code (smishing pattern)' };
  }
  if (/\d\s*원/.test(text)) {
    return { isVerification: false, code: null, reason: 'verification keyword next to an amount, no code' };
  }
  return {
    isVerification: true,
    code: null,
    reason: 'verification message without a code (e.g. reply by SMS)',
  };
}
