import { AtCommand } from 'src/modem/at/at-command';
import { pduOf } from 'src/modem/at/at-command.machine';
import { splitParams, toInt, unquote } from './params';

export const CMGR_PREFIX = '+CMGR:';

export function readMessageCommand(index: number): AtCommand {
  return {
    text: `AT+CMGR=${index}`,
    prefixes: [CMGR_PREFIX],
    pduAfterHeader: true,
    timeoutFactor: 2,
    idempotent: true,
  };
}

export interface StoredMessageHeader {
  status: number | null;
  alpha: string | null;
  length: number | null;
}

/**
 * `<stat>,[<alpha>],<length>` and the odd real variants: `0,23` (no alpha), `,,92` (empty stat),
 * `24` (length only), a trailing stray quote.
 */
export function parseMessageHeader(payload: string): StoredMessageHeader {
  const params = splitParams(payload);
  if (params.length === 1) {
    const only = toInt(params[0]);
    return only !== null && only > 3
      ? { status: null, alpha: null, length: only }
      : { status: only, alpha: null, length: null };
  }
  if (params.length === 2) {
    return { status: toInt(params[0]), alpha: null, length: toInt(params[1]) };
  }
  const alpha = unquote(params[1]);
  return {
    status: toInt(params[0]),
    alpha: alpha === '' ? null : alpha,
    length: toInt(params[params.length - 1]),
  };
}

export interface ReadMessage extends StoredMessageHeader {
  pdu: string;
}

/** The message of an `AT+CMGR` reply; null for an empty slot (`OK` alone, or a header without PDU). */
export function parseReadMessage(lines: readonly string[]): ReadMessage | null {
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (!line.toUpperCase().startsWith(CMGR_PREFIX)) {
      continue;
    }
    const header = parseMessageHeader(line.slice(CMGR_PREFIX.length));
    const pdu = lines[i + 1] !== undefined ? pduOf(lines[i + 1]) : null;
    if (!pdu) {
      return null;
    }
    return { ...header, pdu };
  }
  return null;
}
