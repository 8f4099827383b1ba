import { AtCommand } from 'src/modem/at/at-command';
import { splitParams, unquote } from './params';

/** `+CRSM` READ BINARY of EF_ICCID (2FE2 = 12258), 10 bytes: the portable fallback. */
export const CRSM_READ_ICCID = 'AT+CRSM=176,12258,0,0,10';

const ICCID_PREFIXES = [
  '+CCID:',
  '^ICCID:',
  '+QCCID:',
  '+ICCID:',
  '+CICCID:',
  '+ZGETICCID:',
  '!ICCID:',
  '+CRSM:',
];

export function iccidCommand(text: string): AtCommand {
  return { text, prefixes: ICCID_PREFIXES, bareLines: true, idempotent: true };
}

/** Commands tried in order until one yields an ICCID (the profile may put its vendor form first). */
export const GENERIC_ICCID_COMMANDS: readonly string[] = [
  'AT+CCID',
  'AT+ICCID',
  'AT+QCCID',
  'AT^ICCID?',
  CRSM_READ_ICCID,
];

/** Swaps each pair of nibbles: EF_ICCID stores BCD digits low-nibble first. */
export function swapNibbles(hex: string): string {
  let out = '';
  for (let i = 0; i + 1 < hex.length; i += 2) {
    out += hex[i + 1] + hex[i];
  }
  return out;
}

/**
 * Normalises any ICCID form to its printed digits: strips quotes/labels, un-swaps a nibble-swapped value
 * (raw EF content starts `98…` where the printed ICCID starts `89…`), drops `F` padding.
 * Returns null when the result is not 18–22 digits.
 */
export function normalizeIccid(raw: string): string | null {
  let hex = raw.replace(/[^0-9A-Fa-f]/g, '').toUpperCase();
  if (hex.startsWith('98') && hex.length % 2 === 0) {
    hex = swapNibbles(hex);
  }
  const digits = hex.replace(/F+$/, '');
  return /^\d{18,22}$/.test(digits) ? digits : null;
}

/** ICCID from any of the vendor replies, a bare digit line, or a `+CRSM: 144,0,"98…"` read. */
export function parseIccid(lines: readonly string[]): string | null {
  for (const line of lines) {
    const upper = line.toUpperCase();
    if (upper.startsWith('+CRSM:')) {
      const params = splitParams(line.slice('+CRSM:'.length));
      if (params[0]?.trim() !== '144' || params.length < 3) {
        continue;
      }
      const hex = unquote(params[2]).toUpperCase();
      const swapped = normalizeIccid(hex.startsWith('98') ? hex : swapNibbles(hex));
      if (swapped) {
        return swapped;
      }
      continue;
    }
    const value = line.includes(':') ? line.slice(line.indexOf(':') + 1) : line;
    const iccid = normalizeIccid(unquote(value.trim()));
    if (iccid) {
      return iccid;
    }
  }
  return null;
}
