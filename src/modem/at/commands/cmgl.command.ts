import { AtCommand } from 'src/modem/at/at-command';
import { pduOf } from 'src/modem/at/at-command.machine';
import { parseMessageHeader, StoredMessageHeader } from './cmgr.command';
import { toInt, splitParams } from './params';

export const CMGL_PREFIX = '+CMGL:';
/** PDU-mode `<stat>` 4 = all messages. */
export const CMGL_ALL = 4;

export function listMessagesCommand(stat = CMGL_ALL): AtCommand {
  return {
    text: `AT+CMGL=${stat}`,
    prefixes: [CMGL_PREFIX],
    pduAfterHeader: true,
    timeoutFactor: 12,
    idempotent: true,
  };
}

export interface ListedMessage extends StoredMessageHeader {
  index: number;
  pdu: string;
}

/** `+CMGL: <index>,<stat>,[<alpha>],<length>` + PDU line, repeated. Entries without a PDU are skipped. */
export function parseMessageList(lines: readonly string[]): ListedMessage[] {
  const out: ListedMessage[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (!line.toUpperCase().startsWith(CMGL_PREFIX)) {
      continue;
    }
    const payload = line.slice(CMGL_PREFIX.length);
    const params = splitParams(payload);
    const index = toInt(params[0]);
    const pdu = lines[i + 1] !== undefined ? pduOf(lines[i + 1]) : null;
    if (index === null || index < 0 || !pdu) {
      continue;
    }
    const header = parseMessageHeader(params.slice(1).join(','));
    out.push({ index, ...header, pdu });
    i += 1;
  }
  return out;
}
