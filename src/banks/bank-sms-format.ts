import type { BankSmsKind, ParsedBankSms } from 'src/banks/bank-sms-parser';

/** How sure we are that a layout is what banks really send (BANK-SMS.md legend). */
export type FormatEvidence = 'REAL' | 'REAL-PARSER' | 'CONSTRUCTED' | 'UNVERIFIED';

/**
 * What a field is. The role documents the layout; the captured values come from the named groups
 * of `pattern`, by convention: year, month, day, hour, minute, account, holder, name, dir, amount,
 * balance.
 */
export type FieldRole =
  'header' | 'datetime' | 'account' | 'holder' | 'name' | 'direction' | 'amount' | 'balance' | 'literal';

export interface FieldSpec {
  role: FieldRole;
  /** Regex source of this field alone (no anchors). */
  pattern: string;
  optional?: boolean;
}

/** A real (or marked) message kept next to the format that reads it; every sample is a unit test. */
export interface FormatSample {
  /** BANK-SMS.md section and sample number, or "variant of …". */
  source: string;
  sender: string;
  text: string;
  receivedAt?: string;
  expected: Partial<Omit<ParsedBankSms, 'occurredAt'>> & { occurredAt?: string | null };
}

/**
 * One SMS layout of one bank, as data. Adding a layout = one entry in `formats/index.ts` + samples.
 *
 * Matching: the text is normalised (sms-normalise.ts), `header` is tried first (cheap), then the
 * fields are compiled to ONE anchored regex in which consecutive fields are separated by `\s*`.
 * `\s*` (not `\n`) lets the same entry read the line-broken form and the flattened form that
 * copy/paste and forwarding produce (BANK-SMS.md §6). The whole text must match: a text with
 * anything unexpected is not guessed at, it becomes `unparsed`.
 */
export interface BankSmsFormat {
  id: string;
  bankCode: string;
  evidence: FormatEvidence;
  /** Confidence of results; defaults to 'high' for REAL/REAL-PARSER, 'low' otherwise. */
  confidence?: 'high' | 'low';
  description: string;
  /** Anchored at the start of the normalised text. */
  header: RegExp;
  fields: FieldSpec[];
  /**
   * Direction token (the `dir` group) -> kind. Tokens not listed go through `defaultDirection`
   * (취소 -> other, 입금 -> deposit, 출금/지급 -> withdrawal).
   */
  directions?: Record<string, BankSmsKind>;
  /** Small per-format adjustment after the generic extraction. */
  post?: (groups: Record<string, string | undefined>, result: ParsedBankSms) => void;
  samples: FormatSample[];
}

export interface CompiledFormat extends BankSmsFormat {
  regex: RegExp;
  resolvedConfidence: 'high' | 'low';
}

export function compileFormat(format: BankSmsFormat): CompiledFormat {
  let source = '^';
  format.fields.forEach((field, i) => {
    const sep = i === 0 ? '' : String.raw`\s*`;
    source += field.optional ? `(?:${sep}(?:${field.pattern}))?` : `${sep}(?:${field.pattern})`;
  });
  source += String.raw`\s*$`;
  return {
    ...format,
    regex: new RegExp(source, 'u'),
    resolvedConfidence:
      format.confidence ?? (format.evidence === 'REAL' || format.evidence === 'REAL-PARSER' ? 'high' : 'low'),
  };
}

const CANCEL_RE = /취소|정정|거절|실패|반환|부족/;

export function defaultDirection(token: string): BankSmsKind {
  if (CANCEL_RE.test(token)) return 'other';
  if (token.includes('입금')) return 'deposit';
  if (/출|지급/.test(token)) return 'withdrawal';
  return 'other';
}
