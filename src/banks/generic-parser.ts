import type { ParsedBankSms } from 'src/banks/bank-sms-parser';
import { resolveOccurredAt } from 'src/banks/sms-date';

/**
 * Low-confidence reader for banks with no confirmed layout (SC제일, 씨티, 부산, 경남, 광주, 전북, 제주,
 * 산업, 토스뱅크; BANK-SMS.md §3.7–3.15). Only called when the sender is that bank's official number.
 * It answers only when the text is unambiguous: exactly one `입금|출금 {amount}` at a word start,
 * no notice/card/reversal word; anything else is left to the caller (`unparsed`).
 */
const DIRECTION_AMOUNT_RE =
  /(?:^|[\s\]>)|,])(?<dir>입금|출금|지급)\s*(?<amount>(?:\d{1,3}(?:,\d{3})+|\d+))(?![\d,]\d)(?!\d)\s*(?:원|$|\s)/gm;
const BALANCE_RE = /잔액\s*(?<balance>-?(?:\d{1,3}(?:,\d{3})+|\d+))(?![\d,]\d)(?!\d)/;
const DATE_RE =
  /(?<month>0?[1-9]|1[0-2])\/(?<day>0?[1-9]|[12]\d|3[01])[ ,]*(?<hour>[01]?\d|2[0-3]):(?<minute>[0-5]\d)/;
const TRAP_RE =
  /취소|정정|거절|실패|부족|예정|안내|광고|수신\s*거부|대출|하실|세입금|승인|누적|일시불|할부|결제|이자|반환|인증|계좌\s*:|입금\s*계좌/;
const ACCOUNT_LINE_RE = /^[\d*\-() ]{4,}$/;
const HEADER_LINE_RE = /^[[<(]?[^\s\d]{1,12}[\]>)]?\s*(?:\d{1,2}\/\d{1,2}[ ,]*\d{1,2}:\d{2})?$/;

export function parseGeneric(
  text: string,
  bankCode: string,
  receivedAt: Date | undefined,
): ParsedBankSms | null {
  if (TRAP_RE.test(text)) return null;
  const hits = [...text.matchAll(DIRECTION_AMOUNT_RE)];
  if (hits.length !== 1) return null;
  const hit = hits[0];
  const dir = hit.groups?.dir ?? '';
  const amount = Number((hit.groups?.amount ?? '').replace(/,/g, ''));
  if (!Number.isSafeInteger(amount) || amount <= 0) return null;

  const balanceMatch = BALANCE_RE.exec(text);
  const date = DATE_RE.exec(text);
  const occurredAt = date?.groups
    ? resolveOccurredAt(
        {
          month: Number(date.groups.month),
          day: Number(date.groups.day),
          hour: Number(date.groups.hour),
          minute: Number(date.groups.minute),
        },
        receivedAt,
      )
    : null; // no date printed: null (CONTRACT.md `parse`)

  // Name: the one line that is neither header, date, account, amount nor balance.
  const lines = text.split('\n');
  const candidates = lines.filter(
    (line, i) =>
      !(i === 0 && HEADER_LINE_RE.test(line)) &&
      !ACCOUNT_LINE_RE.test(line) &&
      !/입금|출금|지급|잔액/.test(line) &&
      !DATE_RE.test(line),
  );
  const accountLine = lines.find((line) => ACCOUNT_LINE_RE.test(line) && line.includes('*'));
  const kind = dir === '입금' ? 'deposit' : 'withdrawal';
  return {
    kind,
    bankCode,
    amount,
    name: lines.length > 1 && candidates.length === 1 ? candidates[0].trim() : null,
    balance: balanceMatch?.groups ? Number(balanceMatch.groups.balance.replace(/,/g, '')) : null,
    accountHint: accountLine?.trim() ?? null,
    occurredAt,
    code: null,
    formatId: 'generic',
    confidence: 'low',
    reason: kind === 'deposit' ? null : `${dir}: not a deposit`,
  };
}
