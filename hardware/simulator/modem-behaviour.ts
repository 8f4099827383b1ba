/**
 * The behaviour contract of the simulated modem (STYLE.md D4).
 *
 * A behaviour answers one command family. The modem offers every command of a received line to its
 * behaviours in order; the first whose `onCommand` returns true has handled it. A test replaces one
 * behaviour by name (or puts its own in front) and keeps all the others:
 *
 *   sim.modem('sim0').prependBehaviour({
 *     name: 'cmgr-broken',
 *     onCommand: (line, ctx) => (parseAtCommand(line).name === '+CMGR' ? (ctx.cmsError(321), true) : false),
 *   });
 */
import type { ModemPersonality } from 'hardware/simulator/personalities';
import type { SimStorage } from 'hardware/simulator/sim-storage';

export interface ModemIdentity {
  imei: string;
  iccid: string;
  imsi: string;
  /** own number as +CNUM reports it; null when the SIM does not know it (+CNUM answers OK alone) */
  phoneNumber: string | null;
}

export type SimState = 'READY' | 'SIM PIN' | 'NOT INSERTED' | 'BUSY';

/** Volatile settings (reset by ATZ and by a reboot) plus radio status. */
export interface ModemState {
  echo: boolean;
  /** +CMEE mode: 0 plain ERROR, 1 numeric, 2 verbose */
  cmee: 0 | 1 | 2;
  /** +CMGF: 0 PDU, 1 text (text mode is refused by default) */
  cmgf: 0 | 1;
  /** +CNMI mode, mt, bm, ds, bfr */
  cnmi: [number, number, number, number, number];
  /** +CPMS mem1 (read/delete), mem2 (write/send), mem3 (receive) */
  cpms: [string, string, string];
  sim: SimState;
  /** +CSQ rssi 0..31 or 99, ber */
  rssi: number;
  ber: number;
  /** +CREG <n> and <stat> */
  cregMode: number;
  cregStat: number;
  operator: string | null;
  /** access technology of +COPS (7 = E-UTRAN) */
  act: number;
  /** vendor periodic URCs enabled (Huawei AT^CURC=0 turns them off) */
  vendorUrcs: boolean;
}

/** Everything a behaviour may use to answer. Final result codes are framed and filtered by +CMEE here. */
export interface ModemContext {
  readonly modemId: string;
  readonly state: ModemState;
  readonly storage: SimStorage;
  readonly identity: ModemIdentity;
  readonly personality: ModemPersonality;
  /** Information response lines, each written as `\r\n<line>\r\n`. */
  respond(...lines: string[]): void;
  /** Bytes written as they are (no framing). */
  raw(text: string): void;
  /** Final result codes. Exactly one per command; without one the modem answers OK. */
  ok(): void;
  error(): void;
  cmeError(code: number): void;
  cmsError(code: number): void;
  /** Answer nothing at all for this command (a hang, or a model that omits the final result). */
  noAnswer(): void;
  /** Restore power-on settings (ATZ). */
  resetSettings(): void;
  /** Reboot after the current answer (AT+CFUN=1,1): banner URCs, settings reset, echo back on. */
  reboot(): void;
  /** SMSC address the SIM holds (+CSCA). */
  readonly smsc: string;
  /** Tell the modem slots were freed (it then delivers SMS the network was holding). */
  storageChanged(): void;
  /** Radio on/off (AT+CFUN=1 / AT+CFUN=0|4): registration and operator follow. */
  setRadio(on: boolean): void;
}

export interface ModemBehaviour {
  /** Unique name, used to replace a default behaviour ('storage', 'sim-status', …). */
  readonly name: string;
  /** Handles one command (always with its 'AT' prefix, e.g. 'AT+CMGR=3'); true when handled. */
  onCommand(line: string, ctx: ModemContext): boolean | Promise<boolean>;
}

export const CME_ERROR_TEXT: Readonly<Record<number, string>> = {
  3: 'operation not allowed',
  4: 'operation not supported',
  10: 'SIM not inserted',
  11: 'SIM PIN required',
  13: 'SIM failure',
  14: 'SIM busy',
  21: 'invalid index',
  50: 'Incorrect parameters',
  100: 'unknown',
};

export const CMS_ERROR_TEXT: Readonly<Record<number, string>> = {
  300: 'ME failure',
  302: 'operation not allowed',
  303: 'operation not supported',
  304: 'invalid PDU mode parameter',
  310: 'SIM not inserted',
  311: 'SIM PIN required',
  314: 'SIM busy',
  321: 'invalid memory index',
  322: 'memory full',
  500: 'unknown error',
};
