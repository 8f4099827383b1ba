import pino, { Logger } from 'pino';

/**
 * One pino root for the whole process. Redaction is the last line of defence: code must not log
 * secrets in the first place, but if an object carrying one slips through it is masked here.
 */
export const REDACTED_PATHS = [
  'apiKey',
  '*.apiKey',
  'callbackSecret',
  '*.callbackSecret',
  'secret',
  '*.secret',
  'signature',
  '*.signature',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'headers["webhook-signature"]',
];

export function createRootLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { app: 'ipgeum' } });
}

export const rootLogger: Logger = createRootLogger();

/** Show only the start of a secret-bearing value (a signature, a key) in logs. */
export function maskTail(value: string, keep = 6): string {
  return value.length <= keep ? '***' : `${value.slice(0, keep)}…`;
}

export type { Logger };
