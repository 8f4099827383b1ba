import { ModemSnapshot } from './modem.types';

export interface StorageFullAlarm {
  port: string;
  used: number | null;
  total: number | null;
  /** What raised it: the CPMS poll, `+CMS ERROR: 322`, or a vendor URC such as `^SMMEMFULL`. */
  source: string;
}

export interface ModemRebooted {
  port: string;
  /** The banner (`RDY`, `SMS Ready` …) or `echo` when echo came back on. */
  evidence: string;
}

export interface ModemReset {
  port: string;
  /** The reset command the modem accepted (`AT+CFUN=1,1` …). */
  command: string;
  /** What made the supervisor escalate (hang, repeated timeouts). */
  reason: string;
}

/** Typed events of one supervisor (and, re-emitted, of the pool). */
export interface ModemSupervisorEvents {
  ModemUpdated: [snapshot: ModemSnapshot];
  StorageFull: [alarm: StorageFullAlarm];
  ModemRebooted: [info: ModemRebooted];
  ModemReset: [info: ModemReset];
}

/** Events of {@link ModemPool}. `modemUpdated` is the name the lead codes against. */
export interface ModemPoolEvents {
  modemUpdated: [snapshot: ModemSnapshot];
  storageFull: [alarm: StorageFullAlarm];
  modemRebooted: [info: ModemRebooted];
}
