/**
 * What a command declares about itself: how its reply is recognised and how long it may take.
 * The engine and the pure {@link AtCommandMachine} read nothing else.
 */
export interface AtCommand {
  /** Text written before the CR, e.g. `AT+CMGR=3`. */
  text: string;
  /** Information-response prefixes that belong to this command (`+CMGR:`); matched before URCs. */
  prefixes?: readonly string[];
  /** After a line with one of `prefixes`, the next hex line is a PDU belonging to the command. */
  pduAfterHeader?: boolean;
  /** Also claim bare lines that no URC handler wants (`AT+CGSN` → `861234…`). */
  bareLines?: boolean;
  /** Absolute timeout; wins over `timeoutFactor`. */
  timeoutMs?: number;
  /** Multiple of the modem's `commandTimeoutMs` (smstools3-style: CMGL ×6, CMGR ×2). Default 1. */
  timeoutFactor?: number;
  /**
   * Some firmware ends this reply without a final result code (Wavecom: `+CPIN: READY` and no OK).
   * Once an own information line arrived, this much silence completes the command successfully; the
   * engine then resyncs before the next command so a late OK cannot complete it.
   */
  quietFinalMs?: number;
  /** Overrides the default final-result matcher (OK / ERROR / +CME / +CMS). */
  isFinal?: (line: string) => FinalResult | null;
  /** Sent after the `> ` prompt, terminated by Ctrl-Z (`AT+CMGS`/`AT+CMGW`). */
  promptPayload?: string;
  /** Safe to re-send automatically (reads, queries). Sends and deletes are never retried blindly. */
  idempotent?: boolean;
  /** Mask the command text in logs (`AT+CPIN="1234"`). */
  sensitive?: boolean;
}

export type FinalResult = { ok: true } | { ok: false; reason: import('./at.errors').AtFailureReason };

export interface AtResponse {
  command: string;
  /** Information lines claimed by the command (echo and final result excluded). */
  lines: string[];
  /** The final result line as received (`OK`, `+CME ERROR: 10` …). */
  final: string;
  /** Whether the modem echoed the command (echo on). */
  echoed: boolean;
}

export function command(text: string, extra: Omit<AtCommand, 'text'> = {}): AtCommand {
  return { text, ...extra };
}

/** Lines of a response that start with `prefix`, with the prefix and surrounding blanks removed. */
export function payloadsOf(lines: readonly string[], prefix: string): string[] {
  const upper = prefix.toUpperCase();
  return lines
    .filter((line) => line.toUpperCase().startsWith(upper))
    .map((line) => line.slice(prefix.length).trim());
}
