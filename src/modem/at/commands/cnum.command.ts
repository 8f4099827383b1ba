import { AtCommand } from 'src/modem/at/at-command';
import { splitParams, toInt, unquote } from './params';

export const CNUM_PREFIX = '+CNUM:';
export const cnumCommand = (): AtCommand => ({ text: 'AT+CNUM', prefixes: [CNUM_PREFIX], idempotent: true });

/**
 * `+CNUM: [<alpha>],<number>,<type>` (possibly several lines). Returns the first non-empty number as the
 * SIM gives it; an international number (type 145) without `+` gets one. Prepaid SIMs often return
 * nothing: null then.
 */
export function parseOwnNumber(lines: readonly string[]): string | null {
  for (const line of lines) {
    if (!line.toUpperCase().startsWith(CNUM_PREFIX)) {
      continue;
    }
    const params = splitParams(line.slice(CNUM_PREFIX.length));
    const number = unquote(params[1]).replace(/\s+/g, '');
    if (number === '' || !/^\+?[0-9*#]+$/.test(number)) {
      continue;
    }
    const type = toInt(params[2]);
    return type === 145 && !number.startsWith('+') ? `+${number}` : number;
  }
  return null;
}
