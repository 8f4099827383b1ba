import { EventEmitter } from 'node:events';

import { pduOf } from './at-command.machine';
import { registrationFromStat } from './commands/creg.command';
import { splitParams, unquote } from './commands/params';
import { RegistrationState } from 'src/modem/modem.types';

/** Unsolicited result codes the rest of the modem layer reacts to. */
export type Urc =
  /** New message stored: `+CMTI: "SM",3`. `index` is null for broken indications (`+CMTI: ,-1`). */
  | { type: 'cmti'; storage: string | null; index: number | null; line: string }
  /** Status report stored: `+CDSI: "SR",1`. */
  | { type: 'cdsi'; storage: string | null; index: number | null; line: string }
  /** Routed (not stored) message: `+CMT: [<alpha>],<len>` + PDU line. */
  | { type: 'cmt'; length: number | null; pdu: string | null; line: string }
  /** Routed status report: `+CDS: <len>` + PDU line. */
  | { type: 'cds'; pdu: string | null; line: string }
  | { type: 'ring'; line: string }
  | { type: 'creg'; stat: number; registration: RegistrationState; line: string }
  /** The module announced a (re)boot: `RDY`, `SMS Ready`, `+QIND: SMS DONE`, `^SYSSTART`. */
  | { type: 'boot'; line: string }
  /** Storage full announced by the module (`^SMMEMFULL`, `+QIND: "smsfull"`). */
  | { type: 'memory-full'; line: string }
  /** Known vendor chatter (`^RSSI`, `^BOOT`, `Call Ready` …): logged at debug, otherwise ignored. */
  | { type: 'noise'; line: string };

export type UrcType = Urc['type'];

/**
 * One URC family. `continuation` makes it a two-line URC: the next line is handed to
 * `complete` (gammu's URC table: `+CMT:`/`+CDS:` take 2 lines in PDU mode).
 */
export interface UrcHandler {
  name: string;
  matches(line: string): boolean;
  parse(line: string): Urc;
  continuation?: {
    /** Whether `next` is the expected continuation (a PDU). If not, `complete` gets null and `next` is re-offered. */
    accepts(next: string): boolean;
    complete(first: Urc, next: string | null): Urc;
  };
}

const startsWith =
  (...prefixes: string[]) =>
  (line: string): boolean => {
    const upper = line.toUpperCase();
    return prefixes.some((prefix) => upper.startsWith(prefix.toUpperCase()));
  };

function storageIndex(line: string): { storage: string | null; index: number | null } {
  const params = splitParams(line.slice(line.indexOf(':') + 1));
  const storage = params.length > 1 ? unquote(params[0]) || null : null;
  const raw = params.length > 1 ? params[1] : params[0];
  const index = raw !== undefined && /^\s*\d+\s*$/.test(raw) ? Number(raw) : null;
  return { storage, index };
}

/** Lines that are pure vendor noise. Prefix match, case-insensitive. */
export const NOISE_PREFIXES: readonly string[] = [
  '^RSSI:',
  '^HCSQ:',
  '^BOOT:',
  '^MODE:',
  '^DSFLOWRPT:',
  '^SRVST:',
  '^SIMST:',
  '^NWTIME:',
  '^SYSINFOEX:',
  '^ACTIVEBAND',
  '^CEND:',
  '^ORIG:',
  '^CONF:',
  '^CONN:',
  '^STIN:',
  '^EONS:',
  '^LTERSRP:',
  '+QIND:',
  '+QUSIM:',
  '+ZUSIMR:',
  '+ZPASR:',
  '+ZEND',
  '#STN:',
  '+CPIN:',
  'CALL READY',
  '+CIEV:',
  '+CGREG:',
  '+CEREG:',
  '+CTZV:',
  '+CTZE:',
  '*PSUTTZ:',
  '+PSUTTZ:',
  'DST:',
  '+CFUN:',
  '+CRING:',
  '+CLIP:',
  'NO CARRIER',
  '+WIND:',
  '+STIN:',
  '+CUSD:',
  '+SIMCARD:',
  'PB DONE',
  '+PACSP',
];

/** Boot banners: a module that says these has just (re)started and lost its volatile settings. */
export const BOOT_LINES: readonly RegExp[] = [
  /^RDY$/i,
  /^SMS READY$/i,
  /^\+QIND:\s*"?SMS DONE"?/i,
  /^\^SYSSTART/i,
  /^START$/i,
];

export const MEMORY_FULL_LINES: readonly RegExp[] = [
  /^\^SMMEMFULL/i,
  /^\+QIND:\s*"?SMSFULL"?/i,
  /^\+CIEV:\s*"?SMSFULL"?/i,
];

export const DEFAULT_URC_HANDLERS: readonly UrcHandler[] = [
  {
    name: 'cmti',
    matches: startsWith('+CMTI:'),
    parse: (line) => ({ type: 'cmti', ...storageIndex(line), line }),
  },
  {
    name: 'cdsi',
    matches: startsWith('+CDSI:'),
    parse: (line) => ({ type: 'cdsi', ...storageIndex(line), line }),
  },
  {
    name: 'cmt',
    matches: startsWith('+CMT:'),
    parse: (line) => {
      const params = splitParams(line.slice('+CMT:'.length));
      const last = params[params.length - 1]?.trim() ?? '';
      return { type: 'cmt', length: /^\d+$/.test(last) ? Number(last) : null, pdu: null, line };
    },
    continuation: {
      accepts: (next) => pduOf(next) !== null,
      complete: (first, next) => ({
        ...(first as Extract<Urc, { type: 'cmt' }>),
        pdu: next ? pduOf(next) : null,
      }),
    },
  },
  {
    name: 'cds',
    matches: startsWith('+CDS:'),
    parse: (line) => ({ type: 'cds', pdu: null, line }),
    continuation: {
      accepts: (next) => pduOf(next) !== null,
      complete: (first, next) => ({
        ...(first as Extract<Urc, { type: 'cds' }>),
        pdu: next ? pduOf(next) : null,
      }),
    },
  },
  {
    name: 'ring',
    matches: (line) => /^RING$/i.test(line.trim()),
    parse: (line) => ({ type: 'ring', line }),
  },
  {
    name: 'creg',
    // URC form is `+CREG: <stat>[,<lac>,<ci>[,<act>]]`; the query reply (`+CREG: <n>,<stat>`) is claimed
    // by the active `AT+CREG?` before the router ever sees it.
    matches: startsWith('+CREG:'),
    parse: (line) => {
      const params = splitParams(line.slice('+CREG:'.length));
      const stat = Number(params[0]);
      return Number.isInteger(stat)
        ? { type: 'creg', stat, registration: registrationFromStat(stat), line }
        : { type: 'noise', line };
    },
  },
  {
    name: 'boot',
    matches: (line) => BOOT_LINES.some((re) => re.test(line.trim())),
    parse: (line) => ({ type: 'boot', line }),
  },
  {
    name: 'memory-full',
    matches: (line) => MEMORY_FULL_LINES.some((re) => re.test(line.trim())),
    parse: (line) => ({ type: 'memory-full', line }),
  },
  {
    name: 'noise',
    matches: startsWith(...NOISE_PREFIXES),
    parse: (line) => ({ type: 'noise', line }),
  },
];

export interface UrcRouterEvents {
  urc: [Urc];
}

/**
 * Routes lines not claimed by the active command. Handlers are tried in order; the first match wins.
 * Profiles may prepend handlers ({@link UrcRouter.use}). A listener that throws never breaks routing.
 */
export class UrcRouter extends EventEmitter<UrcRouterEvents> {
  private readonly handlers: UrcHandler[];
  private pending: { handler: UrcHandler; first: Urc } | null = null;

  constructor(
    handlers: readonly UrcHandler[] = DEFAULT_URC_HANDLERS,
    private readonly onListenerError: (error: unknown, urc: Urc) => void = () => undefined,
  ) {
    super();
    this.handlers = [...handlers];
  }

  /** Adds handlers in front of the defaults (vendor URCs). */
  use(...handlers: UrcHandler[]): this {
    this.handlers.unshift(...handlers);
    return this;
  }

  /** True while a two-line URC waits for its second line: that line must be offered here first. */
  get awaitingContinuation(): boolean {
    return this.pending !== null;
  }

  /** Returns true when the line was a URC (or its continuation). */
  offer(line: string): boolean {
    if (this.pending) {
      const { handler, first } = this.pending;
      this.pending = null;
      const continuation = handler.continuation!;
      if (continuation.accepts(line)) {
        this.dispatch(continuation.complete(first, line));
        return true;
      }
      this.dispatch(continuation.complete(first, null));
      // fall through: the line is something else and is routed normally
    }
    for (const handler of this.handlers) {
      let matched = false;
      try {
        matched = handler.matches(line);
      } catch {
        matched = false;
      }
      if (!matched) {
        continue;
      }
      let urc: Urc;
      try {
        urc = handler.parse(line);
      } catch {
        urc = { type: 'noise', line };
      }
      if (handler.continuation) {
        this.pending = { handler, first: urc };
      } else {
        this.dispatch(urc);
      }
      return true;
    }
    return false;
  }

  /** Drops a half-received two-line URC (port reopened). */
  reset(): void {
    if (this.pending) {
      const { handler, first } = this.pending;
      this.pending = null;
      this.dispatch(handler.continuation!.complete(first, null));
    }
  }

  private dispatch(urc: Urc): void {
    for (const listener of this.listeners('urc')) {
      try {
        listener(urc);
      } catch (error) {
        this.onListenerError(error, urc);
      }
    }
  }
}
