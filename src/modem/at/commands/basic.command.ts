import { AtCommand } from 'src/modem/at/at-command';

/** Commands with no information response. */
export const ping = (): AtCommand => ({ text: 'AT', idempotent: true });
export const echoOff = (): AtCommand => ({ text: 'ATE0', idempotent: true });
export const verboseErrors = (): AtCommand => ({ text: 'AT+CMEE=1', idempotent: true });
export const pduMode = (): AtCommand => ({ text: 'AT+CMGF=0', idempotent: true });
export const simStatus = (): AtCommand => ({
  text: 'AT+CPIN?',
  prefixes: ['+CPIN:'],
  timeoutFactor: 3,
  // Wavecom Multiband answers `+CPIN: READY` without OK (python-gsmmodem fakemodems).
  quietFinalMs: 300,
  idempotent: true,
});

/** `+CPIN: READY` → 'READY'; `+CPIN: SIM PIN` → 'SIM PIN'. */
export function parseSimStatus(lines: readonly string[]): string | null {
  for (const line of lines) {
    const match = /^\+CPIN:\s*"?([^"]*)"?\s*$/i.exec(line);
    if (match) {
      return match[1].trim().toUpperCase();
    }
  }
  return null;
}
