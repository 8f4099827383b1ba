import { banksForSender, findBank, isOfficialSender, smsBankGroup } from 'src/banks/bank-registry';
import { compileFormat, defaultDirection, type CompiledFormat } from 'src/banks/bank-sms-format';
import { BANK_SMS_FORMATS } from 'src/banks/formats';
import { parseGeneric } from 'src/banks/generic-parser';
import { resolveOccurredAt, type DateFields } from 'src/banks/sms-date';
import { normaliseSender, normaliseSmsText } from 'src/banks/sms-normalise';
import { extractVerificationCode } from 'src/banks/verification-code';

export type BankSmsKind = 'deposit' | 'withdrawal' | 'verification' | 'other' | 'unparsed' | 'unknown_sender';

export interface ParsedBankSms {
  kind: BankSmsKind;
  bankCode: string | null;
  amount: number | null;
  name: string | null;
  balance: number | null;
  accountHint: string | null;
  occurredAt: Date | null;
  code: string | null;
  formatId: string | null;
  confidence: 'high' | 'low' | null;
  /** Why not a deposit / why unknown_sender. */
  reason: string | null;
}

const COMPILED: readonly CompiledFormat[] = BANK_SMS_FORMATS.map(compileFormat);
const BANKS_WITH_FORMATS = new Set(COMPILED.map((f) => f.bankCode));

/** A bank-notice word (no transaction layout): ads, declines, loans, security notices. */
const NOTICE_RE =
  /광고|수신\s*거부|안내|거절|실패|부족|대출|비밀번호|인증서|재발급|해지|만기|예정|이벤트|혜택|승인|일시불|할부|누적|취소|사용|결제|변경|등록|발급|가입|하실|세입금|계좌\s*:|본인\s*거래가?\s*아니|본인이\s*아닌/;
/** Korean law makes every ad start with (광고) and carry a free opt-out (무료수신거부): never a transaction. */
const AD_RE = /^\(\s*광고\s*\)|무료\s*(?:수신\s*)?거부|수신\s*거부/;
/**
 * A direction word at a word start followed by an amount: the shape of a transaction alert. Not
 * inside a word: 대출금 10,000,000원 (loan), 지자체세입금 50,000원 (local tax) are not transactions.
 */
const TRANSACTION_SHAPE_RE = /(?<![가-힣])(?:입금|출금|지급)\s*[\d,]+\s*원?/;

export function emptyResult(
  kind: BankSmsKind,
  bankCode: string | null,
  reason: string | null,
): ParsedBankSms {
  return {
    kind,
    bankCode,
    amount: null,
    name: null,
    balance: null,
    accountHint: null,
    occurredAt: null,
    code: null,
    formatId: null,
    confidence: null,
    reason,
  };
}

export function parseAmount(raw: string | undefined): number | null {
  if (raw === undefined || raw.includes('*')) return null;
  const n = Number(raw.replace(/,/g, ''));
  return Number.isSafeInteger(n) ? n : null;
}

function toInt(raw: string | undefined): number | undefined {
  return raw === undefined ? undefined : Number(raw);
}

function cleanName(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const name = raw.replace(/\s+/g, ' ').trim();
  return name === '' ? null : name;
}

/** The code a 1원 account-ownership transfer carries in its name field (BANK-SMS.md §4.3). */
function oneWonCode(name: string | null): string | null {
  if (!name) return null;
  const digits = /\d{3,6}/.exec(name);
  return digits ? digits[0] : name;
}

function applyFormat(
  format: CompiledFormat,
  groups: Record<string, string | undefined>,
  receivedAt: Date | undefined,
): ParsedBankSms {
  const dir = groups.dir;
  const kind = dir === undefined ? 'other' : (format.directions?.[dir] ?? defaultDirection(dir));
  const dateFields: DateFields = {
    year: toInt(groups.year),
    month: toInt(groups.month),
    day: toInt(groups.day),
    hour: toInt(groups.hour),
    minute: toInt(groups.minute),
  };
  const result: ParsedBankSms = {
    kind,
    bankCode: format.bankCode,
    amount: parseAmount(groups.amount),
    name: cleanName(groups.name),
    balance: parseAmount(groups.balance),
    accountHint: groups.account ?? null,
    occurredAt: resolveOccurredAt(dateFields, receivedAt),
    code: null,
    formatId: format.id,
    confidence: format.resolvedConfidence,
    reason: kind === 'deposit' ? null : `${dir ?? 'no direction'}: not a deposit`,
  };
  if (kind === 'deposit' && result.amount === 1) result.code = oneWonCode(result.name);
  format.post?.(groups, result);
  return result;
}

const MAX_NAME_LENGTH = 40;
/** Another transaction, a date+time or a carrier prefix inside a name means the layout was misread. */
const NAME_INTRUDER_RE =
  /잔액\s*[-\d*]|(?:입금|출금|지급)\s*\d|\d{1,2}\/\d{1,2}[ ,]*\d{1,2}:\d{2}|\[\s*web\s*발신|\d{3,}\*{2,}\d/i;

/**
 * A layout match is trusted only when its values are plausible: a positive amount and a short name
 * with nothing of a second message in it (flattened or glued texts could otherwise let a free-text
 * field swallow another SMS).
 */
function plausible(result: ParsedBankSms): boolean {
  if (
    (result.kind === 'deposit' || result.kind === 'withdrawal') &&
    !(result.amount !== null && result.amount > 0)
  ) {
    return false;
  }
  if (result.name !== null && (result.name.length > MAX_NAME_LENGTH || NAME_INTRUDER_RE.test(result.name))) {
    return false;
  }
  return true;
}

function matchFormats(text: string, receivedAt: Date | undefined): ParsedBankSms | null {
  for (const format of COMPILED) {
    if (!format.header.test(text)) continue;
    const m = format.regex.exec(text);
    if (!m) continue;
    const result = applyFormat(format, m.groups ?? {}, receivedAt);
    if (plausible(result)) return result;
  }
  return null;
}

function validDate(d: unknown): Date | undefined {
  return d instanceof Date && !Number.isNaN(d.getTime()) ? d : undefined;
}

/**
 * Classify one bank SMS. Total: never throws, any input yields a result.
 *
 * Order (BANK-SMS.md §6): normalise -> per-bank layouts -> sender check (a layout of bank X from a
 * number that is not X's is `unknown_sender`) -> verification codes -> notices -> generic fallback
 * for banks without a confirmed layout -> `unparsed`.
 */
export function parseBankSms(input: { sender: string; text: string; receivedAt?: Date }): ParsedBankSms {
  try {
    return parseUnsafe(input);
  } catch (error) {
    // Defensive only: the steps above are written not to throw.
    return emptyResult(
      'unparsed',
      null,
      `parser error: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function parseUnsafe(input: { sender: string; text: string; receivedAt?: Date }): ParsedBankSms {
  const sender = normaliseSender(input?.sender);
  const receivedAt = validDate(input?.receivedAt);
  const { text, smishingMarker } = normaliseSmsText(input?.text);
  const senderBanks = banksForSender(sender);
  const senderBankCode = senderBanks[0]?.code ?? null;

  const layout = matchFormats(text, receivedAt);
  if (layout) {
    const official =
      layout.bankCode !== null && smsBankGroup(layout.bankCode).some((c) => isOfficialSender(c, sender));
    if (smishingMarker) {
      return {
        ...layout,
        kind: 'unknown_sender',
        code: null,
        reason: `${smishingMarker} marker: banks never send from abroad`,
      };
    }
    if (!official) {
      const bankName = findBank(layout.bankCode ?? '')?.name ?? layout.bankCode;
      return {
        ...layout,
        kind: 'unknown_sender',
        code: null,
        reason: `${bankName} layout from ${sender || 'an empty sender'}, which is not an official ${bankName} number`,
      };
    }
    return layout;
  }

  if (smishingMarker) {
    return emptyResult(
      'other',
      senderBankCode,
      `${smishingMarker} marker: international sender, likely smishing`,
    );
  }

  const verification = extractVerificationCode(text);
  if (verification.isVerification) {
    return { ...emptyResult('verification', senderBankCode, verification.reason), code: verification.code };
  }

  if (senderBanks.length === 0) {
    return emptyResult(
      'unknown_sender',
      null,
      verification.reason ?? `sender ${sender || '(empty)'} is not a known bank number`,
    );
  }

  if (AD_RE.test(text)) return emptyResult('other', senderBankCode, 'advertisement');
  const hasShape = TRANSACTION_SHAPE_RE.test(text);
  const noLayoutBank = senderBanks.find((b) => !BANKS_WITH_FORMATS.has(b.code));
  if (hasShape && noLayoutBank && senderBanks.every((b) => !BANKS_WITH_FORMATS.has(b.code))) {
    const generic = parseGeneric(text, noLayoutBank.code, receivedAt);
    if (generic) return generic;
  }
  if (!hasShape && NOTICE_RE.test(text)) {
    return emptyResult('other', senderBankCode, 'bank notice without a transaction layout');
  }
  if (verification.reason) return emptyResult('other', senderBankCode, verification.reason);
  return emptyResult('unparsed', senderBankCode, 'no known layout of this bank matches');
}
