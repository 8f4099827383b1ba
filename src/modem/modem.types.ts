/**
 * Shapes the modem layer hands to the rest of the app. Pure types: no Nest, no database.
 * The lead's Nest/DB wrappers (modem.module/service/entity/repository) code against these.
 */

/** One SMS as it sits in modem storage, with the identity of the modem/SIM that holds it. */
export interface RawStoredSms {
  port: string;
  imei: string | null;
  iccid: string | null;
  imsi: string | null;
  /** `SM`, `ME`, `MT` …; `MT-ROUTED` for a `+CMT` the modem delivered without storing (index -1). */
  storage: string;
  index: number;
  /** `<stat>` of `+CMGR`/`+CMGL` (0 unread, 1 read, 2 unsent, 3 sent); null when the modem left it empty. */
  status: number | null;
  /** Hex TPDU including the SMSC prefix, upper-case, junk trimmed. */
  pdu: string;
  readAt: Date;
}

/** Where the modem layer delivers stored messages. */
export interface InboundSmsSink {
  /** Resolves only once the message is committed; a rejection keeps it on the SIM (the sweep retries). */
  accept(sms: RawStoredSms): Promise<void>;
}

/**
 * `sim_not_ready`: the modem answers but its SIM is missing, locked (PIN/PUK: never guessed) or busy;
 * the supervisor keeps retrying with backoff until the operator fixes it.
 */
export type ModemState =
  'opening' | 'initialising' | 'ready' | 'sim_not_ready' | 'recovering' | 'failed' | 'closed';

export type RegistrationState = 'home' | 'roaming' | 'searching' | 'denied' | 'unknown' | 'not_registered';

export interface ModemSnapshot {
  port: string;
  state: ModemState;
  manufacturer: string | null;
  model: string | null;
  revision: string | null;
  imei: string | null;
  iccid: string | null;
  imsi: string | null;
  /** As `AT+CNUM` gives it, e.g. `+821012345678`; null when the SIM does not know it. */
  ownNumber: string | null;
  signalDbm: number | null;
  registration: RegistrationState | null;
  operator: string | null;
  storageUsed: number | null;
  storageTotal: number | null;
  lastSeenAt: Date | null;
  lastSmsAt: Date | null;
  lastError: string | null;
}

export interface ModemOptions {
  /** Base timeout of a simple command; slow commands (CMGR/CMGD/CMGL) use a multiple of it. */
  commandTimeoutMs: number;
  /** Period of the `AT+CMGL=4` reconciliation sweep. */
  sweepIntervalMs: number;
  /** Period of the CSQ/CREG/COPS/CPMS poll (also the liveness probe). */
  healthIntervalMs: number;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  /** Pause after a final result code before the next command (u-blox recommends ≥20 ms). */
  guardTimeMs?: number;
  /** Quiet window used to drain stale replies after a timeout or on (re)open. */
  resyncQuietMs?: number;
  /** Consecutive failed (re)open attempts after which the state shows `failed` (retries continue). */
  failAfterAttempts?: number;
  /** Consecutive command timeouts (after a failed `AT` probe) that make the supervisor reopen the port. */
  maxConsecutiveTimeouts?: number;
  /** How long `sink.accept` may take before the message is treated as not committed (kept on the SIM). */
  sinkTimeoutMs?: number;
}

export type ResolvedModemOptions = Required<ModemOptions>;

export const DEFAULT_MODEM_OPTIONS: ResolvedModemOptions = {
  commandTimeoutMs: 5_000,
  sweepIntervalMs: 30_000,
  healthIntervalMs: 60_000,
  reconnectMinMs: 1_000,
  reconnectMaxMs: 60_000,
  guardTimeMs: 20,
  resyncQuietMs: 150,
  failAfterAttempts: 5,
  maxConsecutiveTimeouts: 2,
  sinkTimeoutMs: 60_000,
};

export function resolveModemOptions(options: Partial<ModemOptions> = {}): ResolvedModemOptions {
  const merged = { ...DEFAULT_MODEM_OPTIONS };
  for (const [key, value] of Object.entries(options) as [keyof ModemOptions, number | undefined][]) {
    if (value !== undefined) {
      merged[key] = value;
    }
  }
  return merged;
}
