import pino from 'pino';

import { InboundSmsSink, ModemOptions, RawStoredSms } from 'src/modem/modem.types';

/** Test helpers for modem specs (not imported by app code). */
export const SILENT_LOGGER = pino({ level: process.env.MODEM_TEST_LOG ?? 'silent' });

/** Timeouts shrunk through options, not sleeps (STYLE.md D7). */
export const FAST_OPTIONS: Partial<ModemOptions> = {
  commandTimeoutMs: 150,
  sweepIntervalMs: 60_000,
  healthIntervalMs: 60_000,
  reconnectMinMs: 10,
  reconnectMaxMs: 40,
  guardTimeMs: 0,
  resyncQuietMs: 5,
  failAfterAttempts: 3,
  maxConsecutiveTimeouts: 2,
  sinkTimeoutMs: 1_000,
};

/** Real PDUs (MODEMS.md §4.2 V01 and V03). */
export const PDU_V01 = '0791198948004544040C9119894882006200007050307040042206CF35689E9603';
export const PDU_V03 = '0791534850020200040C9153486507895500006090608164138004D4F29C0E';
export const PDU_V20 = '07913366003000F0040B913377278879F800006160714113238009C26232A90C826834';

export async function waitFor(
  condition: () => boolean,
  timeoutMs = 2_000,
  what = 'condition',
): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

export const tick = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Sink that records calls; `behaviour` decides per call. `log` interleaves with modem commands. */
export class RecordingSink implements InboundSmsSink {
  readonly accepted: RawStoredSms[] = [];
  readonly calls: RawStoredSms[] = [];
  behaviour: (sms: RawStoredSms) => Promise<void> = () => Promise.resolve();

  constructor(private readonly log?: string[]) {}

  async accept(sms: RawStoredSms): Promise<void> {
    this.calls.push(sms);
    this.log?.push(`sink:${sms.index}`);
    await this.behaviour(sms);
    this.accepted.push(sms);
    this.log?.push(`committed:${sms.index}`);
  }
}
