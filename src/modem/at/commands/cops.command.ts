import { AtCommand } from 'src/modem/at/at-command';
import { firstPayload, splitParams, unquote } from './params';

export const copsQueryCommand = (): AtCommand => ({
  text: 'AT+COPS?',
  prefixes: ['+COPS:'],
  timeoutFactor: 2,
  idempotent: true,
});

/** `+COPS: 0,0,"SKTelecom",7` → `SKTelecom`; `+COPS: 0` (not registered) → null. */
export function parseOperator(lines: readonly string[]): string | null {
  const payload = firstPayload(lines, '+COPS:');
  if (payload === null) {
    return null;
  }
  const params = splitParams(payload);
  const name = unquote(params[2]).trim();
  return name === '' ? null : name;
}
