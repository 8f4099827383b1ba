import { CARRIER_PREFIX_SOURCE, SMISHING_PREFIX_SOURCE } from 'src/banks/banks.constants';

export interface NormalisedSms {
  /** Text with prefixes stripped, LF line ends, ASCII digits/spaces, trimmed lines, no blank lines. */
  text: string;
  /** An international-sender marker ([국외발신], [국제발신]) was present. */
  smishingMarker: string | null;
}

const LEADING_PREFIX_RE = new RegExp(
  String.raw`^(?:\s*(?:${CARRIER_PREFIX_SOURCE}|(?<smishing>${SMISHING_PREFIX_SOURCE})))+\s*`,
  'i',
);
const TRAILING_WEB_RE = new RegExp(String.raw`\s*\[\s*web\s*발신\s*\]\s*$`, 'i');
const ANY_SMISHING_RE = new RegExp(SMISHING_PREFIX_SOURCE);
// Fullwidth ASCII block (！..～) -> ASCII; U+3000, NBSP and other exotic spaces -> ' '.
const FULLWIDTH_RE = /[\uFF01-\uFF5E]/g;
const SPACE_RE = /[\u3000\u00A0\u2000-\u200A\u202F\u205F\t\v\f]/g;
const ZERO_WIDTH_RE = /[\u200B-\u200D\u2060\uFEFF]/g;
const LINE_END_RE = /\r\n?|[\u2028\u2029\u0085]/g;

/** Runtime inputs are not always what the types say (JSON lines, DB rows): strings and numbers pass. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString();
  return '';
}

/**
 * The one normalisation pass every format relies on (BANK-SMS.md §0.2, §0.7, §2.3).
 * Pure and total: any string (even a non-string at runtime) gives a result.
 */
export function normaliseSmsText(raw: unknown): NormalisedSms {
  let text = asText(raw);
  text = text
    .normalize('NFC')
    .replace(LINE_END_RE, '\n')
    .replace(ZERO_WIDTH_RE, '')
    .replace(FULLWIDTH_RE, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(SPACE_RE, ' ');

  let smishingMarker: string | null = null;
  const lead = LEADING_PREFIX_RE.exec(text);
  if (lead) {
    const marker = ANY_SMISHING_RE.exec(lead[0]);
    if (marker) smishingMarker = marker[0];
    text = text.slice(lead[0].length);
  }
  if (!smishingMarker) {
    const marker = ANY_SMISHING_RE.exec(text);
    if (marker) smishingMarker = marker[0];
  }
  text = text.replace(TRAILING_WEB_RE, '');

  const lines: string[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '') lines.push(trimmed);
  }
  return { text: lines.join('\n'), smishingMarker };
}

/**
 * Sender as the registry stores it: digits only, `+82`/`82`/`0082` country code turned back into the
 * national form (`+8216449999` -> `16449999`, `+821012345678` -> `01012345678`). Alphanumeric
 * senders are returned trimmed, unchanged otherwise.
 */
export function normaliseSender(sender: unknown): string {
  const s = asText(sender).trim();
  if (/[A-Za-z가-힣]/.test(s)) return s;
  let digits = s.replace(/\D/g, '');
  if (digits.startsWith('0082')) digits = digits.slice(2);
  if (digits.startsWith('82') && digits.length >= 10) {
    const national = digits.slice(2);
    // 15xx/16xx/18xx-xxxx are 8-digit nationwide numbers with no trunk 0.
    digits = /^1[5-9]\d{6}$/.test(national) ? national : national.startsWith('0') ? national : `0${national}`;
  }
  return digits;
}
