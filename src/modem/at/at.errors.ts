import { AppError, ErrorCode } from 'src/common/app-error';

/** 27.007 §9.2 `+CME ERROR` codes a receive-only gateway meets in practice. */
export const CME_ERRORS: Readonly<Record<number, string>> = {
  0: 'phone failure',
  1: 'no connection to phone',
  2: 'phone-adaptor link reserved',
  3: 'operation not allowed',
  4: 'operation not supported',
  5: 'PH-SIM PIN required',
  10: 'SIM not inserted',
  11: 'SIM PIN required',
  12: 'SIM PUK required',
  13: 'SIM failure',
  14: 'SIM busy',
  15: 'SIM wrong',
  16: 'incorrect password',
  17: 'SIM PIN2 required',
  18: 'SIM PUK2 required',
  20: 'memory full',
  21: 'invalid index',
  22: 'not found',
  23: 'memory failure',
  24: 'text string too long',
  25: 'invalid characters in text string',
  30: 'no network service',
  31: 'network timeout',
  32: 'network not allowed - emergency calls only',
  100: 'unknown',
};

/** 27.005 §3.2.5 `+CMS ERROR` codes, plus the vendor 512–515 family smstools3 documents. */
export const CMS_ERRORS: Readonly<Record<number, string>> = {
  300: 'ME failure',
  301: 'SMS service of ME reserved',
  302: 'operation not allowed',
  303: 'operation not supported',
  304: 'invalid PDU mode parameter',
  305: 'invalid text mode parameter',
  310: 'SIM not inserted',
  311: 'SIM PIN required',
  312: 'PH-SIM PIN required',
  313: 'SIM failure',
  314: 'SIM busy',
  315: 'SIM wrong',
  316: 'SIM PUK required',
  317: 'SIM PIN2 required',
  318: 'SIM PUK2 required',
  320: 'memory failure',
  321: 'invalid memory index',
  322: 'memory full',
  330: 'SMSC address unknown',
  331: 'no network service',
  332: 'network timeout',
  340: 'no +CNMA acknowledgement expected',
  500: 'unknown error',
  512: 'collision with incoming SMS / weak signal',
  513: 'lower layer failure',
  514: 'congestion',
  515: 'please wait, init or command processing in progress',
};

/** Codes meaning "busy, try again shortly" (python-gsmmodem backs off on CME 14 / CMS 515). */
export const CME_SIM_BUSY = 14;
export const CMS_SIM_BUSY = 314;
export const CMS_INIT_IN_PROGRESS = 515;
export const CMS_INVALID_INDEX = 321;
export const CMS_MEMORY_FULL = 322;
export const CME_MEMORY_FULL = 20;
export const CME_INVALID_INDEX = 21;

/** Closed union of why a command failed; mapped to a coded error in ONE place ({@link atFailureToError}). */
export type AtFailureReason =
  | { kind: 'error'; line: string }
  | { kind: 'cme'; code: number | null; text: string }
  | { kind: 'cms'; code: number | null; text: string }
  | { kind: 'timeout'; phase: 'write' | 'response' | 'prompt'; timeoutMs: number }
  | { kind: 'closed'; detail: string }
  | { kind: 'write-failed'; detail: string }
  | { kind: 'unexpected'; detail: string };

export interface AtErrorContext {
  port: string;
  command: string;
  /** Stack of the caller that queued the command (the engine captures it at queue time). */
  callerStack?: string;
}

export class AtCommandError extends AppError {
  readonly port: string;
  readonly command: string;
  /** Numeric CME/CMS code when the modem gave one (verbose texts are mapped back via the tables). */
  readonly atCode: number | null;

  constructor(
    code: ErrorCode,
    message: string,
    readonly reason: AtFailureReason,
    context: AtErrorContext,
    atCode: number | null = null,
  ) {
    super(code, message, { port: context.port, command: context.command, atCode, reason: reason.kind });
    this.port = context.port;
    this.command = context.command;
    this.atCode = atCode;
    if (context.callerStack) {
      this.stack = `${this.stack ?? ''}\n    --- queued at ---\n${context.callerStack}`;
    }
  }
}

export class AtErrorResultError extends AtCommandError {}
export class AtCmeError extends AtCommandError {}
export class AtCmsError extends AtCommandError {}
export class AtTimeoutError extends AtCommandError {}
export class AtEngineClosedError extends AtCommandError {}
export class AtUnexpectedResponseError extends AtCommandError {}
export class AtWriteError extends AtCommandError {}

export function atFailureToError(reason: AtFailureReason, context: AtErrorContext): AtCommandError {
  const where = `${context.command} on ${context.port}`;
  switch (reason.kind) {
    case 'error':
      return new AtErrorResultError(ErrorCode.AtError, `${where}: ${reason.line}`, reason, context);
    case 'cme': {
      const text = reason.code !== null ? (CME_ERRORS[reason.code] ?? reason.text) : reason.text;
      return new AtCmeError(
        ErrorCode.AtCmeError,
        `${where}: +CME ERROR ${reason.code ?? '?'} (${text})`,
        reason,
        context,
        reason.code,
      );
    }
    case 'cms': {
      const text = reason.code !== null ? (CMS_ERRORS[reason.code] ?? reason.text) : reason.text;
      return new AtCmsError(
        ErrorCode.AtCmsError,
        `${where}: +CMS ERROR ${reason.code ?? '?'} (${text})`,
        reason,
        context,
        reason.code,
      );
    }
    case 'timeout':
      return new AtTimeoutError(
        ErrorCode.AtTimeout,
        `${where}: no ${reason.phase === 'write' ? 'write completion' : reason.phase} within ${reason.timeoutMs} ms`,
        reason,
        context,
      );
    case 'closed':
      return new AtEngineClosedError(ErrorCode.AtEngineClosed, `${where}: ${reason.detail}`, reason, context);
    case 'write-failed':
      return new AtWriteError(ErrorCode.TransportWriteFailed, `${where}: ${reason.detail}`, reason, context);
    case 'unexpected':
      return new AtUnexpectedResponseError(
        ErrorCode.AtUnexpectedResponse,
        `${where}: ${reason.detail}`,
        reason,
        context,
      );
  }
}

function lookupVerbose(table: Readonly<Record<number, string>>, text: string): number | null {
  const wanted = text.trim().toLowerCase();
  for (const [code, name] of Object.entries(table)) {
    if (name.toLowerCase() === wanted) {
      return Number(code);
    }
  }
  return null;
}

/**
 * Classifies a final result line. Returns null for lines that are not final results.
 * Handles numeric (`+CME ERROR: 10`) and verbose (`+CME ERROR: SIM not inserted`) forms and
 * Huawei's `COMMAND NOT SUPPORT`.
 */
export function parseFinalResult(line: string): { ok: true } | { ok: false; reason: AtFailureReason } | null {
  const trimmed = line.trim();
  if (trimmed === 'OK') {
    return { ok: true };
  }
  if (trimmed === 'ERROR' || trimmed === 'COMMAND NOT SUPPORT' || trimmed === 'TOO MANY PARAMETERS') {
    return { ok: false, reason: { kind: 'error', line: trimmed } };
  }
  const match = /^\+(CME|CMS) ERROR:\s*(.*)$/i.exec(trimmed);
  if (!match) {
    return null;
  }
  const kind = match[1].toUpperCase() === 'CME' ? 'cme' : 'cms';
  const text = match[2].trim();
  const code = /^\d+$/.test(text)
    ? Number(text)
    : lookupVerbose(kind === 'cme' ? CME_ERRORS : CMS_ERRORS, text);
  return { ok: false, reason: { kind, code, text } };
}

export function isAtCode(error: unknown, kind: 'cme' | 'cms', ...codes: number[]): boolean {
  return (
    error instanceof AtCommandError &&
    error.reason.kind === kind &&
    error.atCode !== null &&
    codes.includes(error.atCode)
  );
}
