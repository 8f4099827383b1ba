import { AtCommand } from 'src/modem/at/at-command';
import { RegistrationState } from 'src/modem/modem.types';
import { firstPayload, splitParams, toInt } from './params';

export const cregQueryCommand = (): AtCommand => ({
  text: 'AT+CREG?',
  prefixes: ['+CREG:'],
  idempotent: true,
});

/** 27.007 `<stat>`. */
export function registrationFromStat(stat: number): RegistrationState {
  switch (stat) {
    case 0:
      return 'not_registered';
    case 1:
      return 'home';
    case 2:
      return 'searching';
    case 3:
      return 'denied';
    case 5:
      return 'roaming';
    default:
      return 'unknown';
  }
}

/**
 * Query reply `+CREG: <n>,<stat>[,<lac>,<ci>[,<act>]]`. A bare `+CREG: <stat>` (some modules answer in
 * URC form) is accepted too.
 */
export function parseRegistration(lines: readonly string[]): RegistrationState | null {
  const payload = firstPayload(lines, '+CREG:');
  if (payload === null) {
    return null;
  }
  const params = splitParams(payload);
  // `+CREG: 1,"00C3","0000B2C1"` is URC form (stat first) with location info.
  const urcForm = params.length === 1 || (params.length >= 3 && params[1].trim().startsWith('"'));
  const stat = toInt(urcForm ? params[0] : params[1]);
  if (stat === null) {
    return null;
  }
  return registrationFromStat(stat);
}
