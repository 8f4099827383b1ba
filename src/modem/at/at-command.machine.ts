import { AtCommand, FinalResult } from './at-command';
import { parseFinalResult } from './at.errors';

export type AtMachineState = 'awaiting-response' | 'awaiting-pdu' | 'awaiting-prompt' | 'done';

export type AtOffer =
  | { claimed: false }
  | { claimed: true; kind: 'echo' | 'info' | 'pdu' }
  | { claimed: true; kind: 'final'; result: FinalResult; line: string };

const HEX_LINE = /^"?([0-9A-Fa-f]+)[\s"',]*$/;

/** True for a line that can only be a PDU (hex, possibly with the stray quote seen in real dumps). */
export function isPduLine(line: string): boolean {
  return HEX_LINE.test(line.trim());
}

/** The hex of a PDU line, upper-case, junk trimmed; null if it is not one. */
export function pduOf(line: string): string | null {
  const match = HEX_LINE.exec(line.trim());
  return match ? match[1].toUpperCase() : null;
}

function normaliseEcho(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/**
 * Pure FSM for one in-flight command: decides which received lines belong to it. No timers, no I/O.
 * Echo is recognised but never required, so matching works with echo on or off.
 */
export class AtCommandMachine {
  state: AtMachineState;
  readonly lines: string[] = [];
  echoed = false;
  private readonly echo: string;
  private readonly prefixes: string[];

  constructor(readonly command: AtCommand) {
    this.state = command.promptPayload !== undefined ? 'awaiting-prompt' : 'awaiting-response';
    this.echo = normaliseEcho(command.text);
    this.prefixes = (command.prefixes ?? []).map((p) => p.toUpperCase());
  }

  /** Strong claims: echo, final result, own prefix, expected PDU line. Offered before the URC router. */
  offer(line: string): AtOffer {
    if (this.state === 'done') {
      return { claimed: false };
    }
    if (!this.echoed && normaliseEcho(line) === this.echo) {
      this.echoed = true;
      return { claimed: true, kind: 'echo' };
    }
    const final = (this.command.isFinal ?? parseFinalResult)(line);
    if (final) {
      this.state = 'done';
      return { claimed: true, kind: 'final', result: final, line };
    }
    if (this.state === 'awaiting-pdu' && isPduLine(line)) {
      this.lines.push(line);
      this.state = 'awaiting-response';
      return { claimed: true, kind: 'pdu' };
    }
    const upper = line.toUpperCase();
    if (this.prefixes.some((prefix) => upper.startsWith(prefix))) {
      this.lines.push(line);
      // A second header while a PDU was expected: the previous entry had no PDU; keep going.
      this.state = this.command.pduAfterHeader ? 'awaiting-pdu' : 'awaiting-response';
      return { claimed: true, kind: 'info' };
    }
    return { claimed: false };
  }

  /** Weak claim for bare information lines no URC handler wanted. */
  offerBare(line: string): boolean {
    if (this.state === 'done' || !this.command.bareLines) {
      return false;
    }
    this.lines.push(line);
    return true;
  }

  /** The `> ` prompt arrived; true when this command was waiting for it. */
  offerPrompt(): boolean {
    if (this.state !== 'awaiting-prompt') {
      return false;
    }
    this.state = 'awaiting-response';
    return true;
  }
}
