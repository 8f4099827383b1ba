import { AtCommand } from 'src/modem/at/at-command';
import { unquote } from './params';

/** `AT+CGMI`, `AT+CGMM`, `AT+CGMR`: bare text, or prefixed (`+CGMI: "SIMCOM"`, `Manufacturer: QUALCOMM`). */
export function infoCommand(text: 'AT+CGMI' | 'AT+CGMM' | 'AT+CGMR' | 'AT+CGSN' | 'AT+CIMI'): AtCommand {
  const name = text.slice(2);
  return { text, prefixes: [`${name}:`], bareLines: true, idempotent: true };
}

const LABEL = /^(?:\+CG[MS][IMRN]:|\+CIMI:|\+GM[IMR]:|MANUFACTURER:|MODEL:|REVISION:|IMEI:|IMSI:)\s*/i;

/** First informative line, labels and quotes removed; null when the reply carried nothing. */
export function parseInfo(lines: readonly string[]): string | null {
  for (const line of lines) {
    const value = unquote(line.replace(LABEL, '')).trim();
    if (value !== '') {
      return value;
    }
  }
  return null;
}

/** First run of `min`–`max` digits in the reply (`AT+CGSN` → IMEI 15, `AT+CIMI` → IMSI 6–15). */
export function parseDigits(lines: readonly string[], min: number, max: number): string | null {
  const re = new RegExp(`(?<!\\d)(\\d{${min},${max}})(?!\\d)`);
  for (const line of lines) {
    const match = re.exec(line);
    if (match) {
      return match[1];
    }
  }
  return null;
}

export const parseImei = (lines: readonly string[]): string | null => parseDigits(lines, 14, 17);
export const parseImsi = (lines: readonly string[]): string | null => parseDigits(lines, 6, 15);
