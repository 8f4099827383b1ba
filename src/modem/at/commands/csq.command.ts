import { AtCommand } from 'src/modem/at/at-command';
import { firstPayload, splitParams, toInt } from './params';

export const csqCommand = (): AtCommand => ({ text: 'AT+CSQ', prefixes: ['+CSQ:'], idempotent: true });

/** 27.007 `<rssi>`: 0 → −113 dBm, 1 → −111, 2..30 → −109..−53 (2 dB steps), 31 → −51, 99 → unknown. */
export function rssiToDbm(rssi: number): number | null {
  if (!Number.isInteger(rssi) || rssi < 0 || rssi > 31) {
    return null;
  }
  return -113 + 2 * rssi;
}

/** `+CSQ: 21,99` → −71. */
export function parseSignalDbm(lines: readonly string[]): number | null {
  const payload = firstPayload(lines, '+CSQ:');
  if (payload === null) {
    return null;
  }
  const rssi = toInt(splitParams(payload)[0]);
  return rssi === null ? null : rssiToDbm(rssi);
}
