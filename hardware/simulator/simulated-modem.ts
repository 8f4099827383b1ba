/**
 * One simulated GSM modem, independent of any transport: bytes from the host go into `receive()`,
 * bytes to the host come out as 'output' events. The pty and tcp endpoints (and in-memory tests)
 * are just listeners.
 *
 * Answers are built by behaviours (modem-behaviour.ts). The modem itself does what every AT
 * modem does: line assembly, echo, splitting `;`-chained commands, one final result per line,
 * +CMEE-dependent error formatting, URCs held back while a command is being answered, boot
 * banners, vendor noise, and the faults a test or an operator rehearsal asks for.
 */
import { EventEmitter } from 'node:events';

import { parseAtCommand, splitCommandLine } from 'hardware/simulator/at-command';
import { defaultBehaviours } from 'hardware/simulator/behaviours';
import {
  CME_ERROR_TEXT,
  CMS_ERROR_TEXT,
  type ModemBehaviour,
  type ModemContext,
  type ModemIdentity,
  type ModemState,
  type SimState,
} from 'hardware/simulator/modem-behaviour';
import {
  type DeliverPduInput,
  DEFAULT_SMSC,
  encodeSmsDeliver,
  type SmsEncoding,
} from 'hardware/simulator/pdu-encoder';
import {
  type ModemPersonality,
  type PersonalityName,
  resolvePersonality,
} from 'hardware/simulator/personalities';
import { SimStorage, type SmsStatus, type StoredSms } from 'hardware/simulator/sim-storage';
import { StorageFullError } from 'hardware/simulator/simulator.errors';

export interface SimulatedModemOptions {
  id: string;
  identity: ModemIdentity;
  personality?: PersonalityName | ModemPersonality;
  /** default 30 */
  storageSlots?: number;
  /** default: defaultBehaviours() */
  behaviours?: ModemBehaviour[];
  /** period of vendor noise URCs (Huawei ^RSSI/^BOOT); 0 = off. Default 0. */
  noiseIntervalMs?: number;
  /** time between power-on and the boot banner; default 50 ms */
  bootDelayMs?: number;
  smsc?: string;
  operator?: string;
  /** entries kept in the command log; default 5000 */
  logLimit?: number;
}

export interface InjectSmsInput {
  sender: string;
  text: string;
  encoding?: SmsEncoding;
  smscTimestamp?: Date;
  /** passed to the encoder (sender type, SMSC, time zone, reference, split inside characters…) */
  pdu?: Omit<DeliverPduInput, 'sender' | 'text' | 'encoding' | 'timestamp'>;
}

export interface ModemLogEntry {
  at: Date;
  dir: 'in' | 'out';
  line: string;
}

/** Faults a test or an operator rehearsal can switch on (see also Simulator.unplug/replug). */
export interface ModemFaults {
  /** stop answering: input is swallowed, nothing is written (a hung firmware) */
  hang: boolean;
  /** delay before each answer, in ms */
  delayMs: number;
  /** lose the next N +CMTI indications; -1 loses all of them until reset */
  dropCmti: number;
  /** refuse every new SMS as if the storage were full */
  storageFull: boolean;
  /** answer every AT+CMGR/AT+CMGL with this +CMS ERROR code (e.g. 500, 321); 0 = off */
  readError: number;
}

type FinalResult = { kind: 'ok' } | { kind: 'error'; text: string } | { kind: 'silent' };

const LINE_LIMIT = 4096;

export class SimulatedModem extends EventEmitter {
  readonly id: string;
  readonly identity: ModemIdentity;
  readonly personality: ModemPersonality;
  readonly storage: SimStorage;
  readonly smsc: string;
  readonly faults: ModemFaults = { hang: false, delayMs: 0, dropCmti: 0, storageFull: false, readError: 0 };
  state: ModemState;

  private behaviours: ModemBehaviour[];
  private readonly operator: string;
  private readonly noiseIntervalMs: number;
  private readonly bootDelayMs: number;
  private readonly logLimit: number;
  private readonly log: ModemLogEntry[] = [];
  private lineBuffer = '';
  private readonly queue: string[] = [];
  private busy = false;
  private readonly pendingUrcs: string[] = [];
  private powered = true;
  private booting: NodeJS.Timeout | null = null;
  private noiseTimer: NodeJS.Timeout | null = null;
  private noiseStep = 0;
  private nextReference = 1;
  private simAtPowerOn: SimState = 'READY';

  constructor(opts: SimulatedModemOptions) {
    super();
    this.id = opts.id;
    this.identity = { ...opts.identity };
    this.personality = resolvePersonality(opts.personality);
    this.storage = new SimStorage(opts.storageSlots ?? 30, this.personality.firstIndex);
    this.behaviours = [...(opts.behaviours ?? defaultBehaviours())];
    this.smsc = opts.smsc ?? DEFAULT_SMSC;
    this.operator = opts.operator ?? 'SKTelecom';
    this.noiseIntervalMs = opts.noiseIntervalMs ?? 0;
    this.bootDelayMs = opts.bootDelayMs ?? 50;
    this.logLimit = opts.logLimit ?? 5000;
    this.state = this.powerOnState();
    this.startNoise();
  }

  // ------------------------------------------------------------------ behaviours

  /** The behaviours in the order commands are offered to them. */
  listBehaviours(): readonly ModemBehaviour[] {
    return this.behaviours;
  }

  /** Replaces the behaviour with the same name (or appends it when there is none). */
  useBehaviour(behaviour: ModemBehaviour): this {
    const i = this.behaviours.findIndex((b) => b.name === behaviour.name);
    if (i >= 0) {
      this.behaviours[i] = behaviour;
    } else {
      this.behaviours.push(behaviour);
    }
    return this;
  }

  /** Puts a behaviour in front of all others: it sees every command first and can decline with false. */
  prependBehaviour(behaviour: ModemBehaviour): this {
    this.behaviours.unshift(behaviour);
    return this;
  }

  removeBehaviour(name: string): this {
    this.behaviours = this.behaviours.filter((b) => b.name !== name);
    return this;
  }

  resetBehaviours(): this {
    this.behaviours = defaultBehaviours();
    return this;
  }

  // ------------------------------------------------------------------ host side

  /** Bytes from the host (the gateway). */
  receive(data: Buffer | string): void {
    if (!this.powered || this.faults.hang) {
      return;
    }
    const text = typeof data === 'string' ? data : data.toString('latin1');
    for (const ch of text) {
      if (ch === '\r') {
        const line = this.lineBuffer;
        this.lineBuffer = '';
        this.onLine(line);
      } else if (ch === '\n') {
        // LF after CR (or alone) carries nothing
      } else if (ch === '\u001a' || ch === '\u001b') {
        // Ctrl-Z / ESC: abort whatever was typed (a stale `>` prompt on a real modem)
        this.lineBuffer = '';
      } else if (ch === '\b' || ch === '\u007f') {
        this.lineBuffer = this.lineBuffer.slice(0, -1);
      } else if (this.lineBuffer.length < LINE_LIMIT) {
        this.lineBuffer += ch;
      }
    }
  }

  commandLog(): ModemLogEntry[] {
    return [...this.log];
  }

  get isPowered(): boolean {
    return this.powered;
  }

  // ------------------------------------------------------------------ SMS

  /**
   * Delivers an SMS as the network would: encodes it (several parts when long), stores each part
   * at the first free index and announces it per +CNMI (+CMTI, or +CMT when routed with mt=2, in
   * which case nothing is stored). Returns the storage indexes.
   */
  injectSms(sms: InjectSmsInput): number[] {
    const encoded = encodeSmsDeliver({
      ...sms.pdu,
      sender: sms.sender,
      text: sms.text,
      encoding: sms.encoding,
      timestamp: sms.smscTimestamp,
      smsc: sms.pdu?.smsc === undefined ? this.smsc : sms.pdu.smsc,
      reference: sms.pdu?.reference ?? this.nextReference,
    });
    if (encoded.length > 1 && sms.pdu?.reference === undefined) {
      this.nextReference = (this.nextReference % 255) + 1;
    }
    const [mode, mt] = this.state.cnmi;
    const indicate = this.powered && mode !== 0;
    if (indicate && mt === 2) {
      for (const part of encoded) {
        this.urc(`+CMT: ,${part.tpduLength}`, part.pdu);
      }
      return [];
    }
    const indexes: number[] = [];
    for (const part of encoded) {
      const index = this.faults.storageFull ? null : this.storage.store(part.pdu, part.tpduLength);
      if (index === null) {
        if (this.personality.memoryFullUrc && this.powered) {
          this.urc(this.personality.memoryFullUrc);
        }
        this.emit('storage', this.storage.list());
        throw new StorageFullError(this.id, indexes);
      }
      indexes.push(index);
      if (indicate && (mt === 1 || mt === 3)) {
        if (this.faults.dropCmti !== 0) {
          if (this.faults.dropCmti > 0) {
            this.faults.dropCmti--;
          }
          this.record('out', `(lost) +CMTI: "${this.state.cpms[2]}",${index}`);
        } else {
          this.urc(`+CMTI: "${this.state.cpms[2]}",${index}`);
        }
      }
    }
    this.emit('storage', this.storage.list());
    return indexes;
  }

  storageSnapshot(): { index: number; pdu: string; status: SmsStatus; tpduLength: number }[] {
    return this.storage.list().map((m: StoredSms) => ({
      index: m.index,
      pdu: m.pdu,
      status: m.status,
      tpduLength: m.tpduLength,
    }));
  }

  // ------------------------------------------------------------------ unsolicited output, faults

  /** Writes an unsolicited result (one or more lines), held back while a command is being answered. */
  urc(...lines: string[]): void {
    if (!this.powered || this.faults.hang) {
      return;
    }
    const framed = `\r\n${lines.join('\r\n')}\r\n`;
    if (this.busy) {
      this.pendingUrcs.push(framed);
      lines.forEach((l) => this.record('out', `(held) ${l}`));
      return;
    }
    lines.forEach((l) => this.record('out', l));
    this.write(framed);
  }

  /** Random bytes on the line, as a modem with a glitching UART or a previous session leaves them. */
  writeGarbage(length = 16): void {
    const bytes = Buffer.alloc(length);
    for (let i = 0; i < length; i++) {
      bytes[i] = 0x80 + Math.floor(Math.random() * 0x7f);
    }
    this.record('out', `(garbage ${length} bytes) ${bytes.toString('hex')}`);
    this.emit('output', bytes);
  }

  setFaults(faults: Partial<ModemFaults>): ModemFaults {
    Object.assign(this.faults, faults);
    return { ...this.faults };
  }

  setSimState(sim: SimState): void {
    this.state.sim = sim;
    this.simAtPowerOn = sim;
  }

  /** Reboot: settings back to power-on (echo on, CMEE 0, CNMI default), banner URCs after the boot delay. */
  reboot(): void {
    this.powerOff();
    this.powerOn();
  }

  /** Power lost (unplugged): no input, no output, volatile settings lost; SIM storage survives. */
  powerOff(): void {
    this.powered = false;
    if (this.booting) {
      clearTimeout(this.booting);
      this.booting = null;
    }
    this.lineBuffer = '';
    this.queue.length = 0;
    this.pendingUrcs.length = 0;
    this.record('out', '(power off)');
  }

  /** Power back: after the boot delay the modem answers again and writes its boot banner. */
  powerOn(): void {
    if (this.booting) {
      return;
    }
    this.booting = setTimeout(() => {
      this.booting = null;
      this.state = this.powerOnState();
      this.powered = true;
      this.record('out', '(power on)');
      for (const line of this.personality.bootBanner) {
        this.urc(line);
      }
    }, this.bootDelayMs);
    this.booting.unref();
  }

  close(): void {
    if (this.noiseTimer) {
      clearInterval(this.noiseTimer);
      this.noiseTimer = null;
    }
    if (this.booting) {
      clearTimeout(this.booting);
      this.booting = null;
    }
    this.removeAllListeners('output');
  }

  // ------------------------------------------------------------------ internals

  private powerOnState(): ModemState {
    return {
      echo: true,
      cmee: 0,
      cmgf: 0,
      cnmi: [...this.personality.defaultCnmi],
      cpms: ['SM', 'SM', 'SM'],
      sim: this.simAtPowerOn,
      rssi: 23,
      ber: 99,
      cregMode: 0,
      cregStat: 1,
      operator: this.operator,
      act: 7,
      vendorUrcs: true,
    };
  }

  private startNoise(): void {
    if (this.noiseIntervalMs <= 0 || this.personality.noiseLines.length === 0) {
      return;
    }
    this.noiseTimer = setInterval(() => {
      if (this.state.vendorUrcs) {
        const lines = this.personality.noiseLines;
        this.urc(lines[this.noiseStep++ % lines.length]);
      }
    }, this.noiseIntervalMs);
    this.noiseTimer.unref();
  }

  private onLine(line: string): void {
    this.record('in', line);
    if (this.state.echo) {
      this.write(`${line}\r`);
    }
    if (splitCommandLine(line).length === 0) {
      return; // no "AT" in it: a real modem ignores the line
    }
    this.queue.push(line);
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.busy) {
      return;
    }
    this.busy = true;
    try {
      while (this.queue.length > 0) {
        const line = this.queue.shift() as string;
        try {
          await this.execute(line);
        } catch (err) {
          // a throwing behaviour must not kill the modem: answer like a confused modem would
          this.record('out', `(behaviour failed: ${(err as Error).message})`);
          this.writeFinal('ERROR');
        }
      }
    } finally {
      this.busy = false;
      this.flushUrcs();
    }
  }

  private flushUrcs(): void {
    while (this.pendingUrcs.length > 0 && this.powered) {
      this.write(this.pendingUrcs.shift() as string);
    }
  }

  private async execute(line: string): Promise<void> {
    if (this.faults.delayMs > 0) {
      await new Promise((r) => setTimeout(r, this.faults.delayMs));
    }
    if (!this.powered || this.faults.hang) {
      return;
    }
    const afterAnswer: (() => void)[] = [];
    for (const command of splitCommandLine(line)) {
      let result = null as FinalResult | null;
      const setResult = (r: FinalResult): void => {
        result ??= r;
      };
      const ctx = this.context(setResult, afterAnswer);
      let handled = false;
      if (this.faults.readError > 0 && isReadCommand(command)) {
        ctx.cmsError(this.faults.readError);
        handled = true;
      }
      for (const behaviour of handled ? [] : [...this.behaviours]) {
        if (await behaviour.onCommand(command, ctx)) {
          handled = true;
          break;
        }
      }
      if (!this.powered) {
        return;
      }
      const final: FinalResult = handled
        ? (result ?? { kind: 'ok' })
        : { kind: 'error', text: this.personality.unknownCommandReply };
      if (final.kind === 'silent') {
        afterAnswer.forEach((f) => f());
        return;
      }
      if (final.kind === 'error') {
        this.writeFinal(final.text);
        afterAnswer.forEach((f) => f());
        return;
      }
    }
    this.writeFinal('OK');
    afterAnswer.forEach((f) => f());
  }

  private context(setResult: (r: FinalResult) => void, afterAnswer: (() => void)[]): ModemContext {
    const errorText = (kind: 'CME' | 'CMS', code: number): string => {
      const cmee = this.state.cmee;
      if (cmee === 0) {
        return 'ERROR';
      }
      const table = kind === 'CME' ? CME_ERROR_TEXT : CMS_ERROR_TEXT;
      return `+${kind} ERROR: ${cmee === 2 && table[code] ? table[code] : code}`;
    };
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const modem = this;
    return {
      modemId: this.id,
      get state(): ModemState {
        return modem.state;
      },
      storage: this.storage,
      identity: this.identity,
      personality: this.personality,
      smsc: this.smsc,
      respond: (...lines: string[]) => {
        lines.forEach((l) => this.record('out', l));
        this.write(`\r\n${lines.join('\r\n')}\r\n`);
      },
      raw: (text: string) => {
        this.record('out', text);
        this.write(text);
      },
      ok: () => setResult({ kind: 'ok' }),
      error: () => setResult({ kind: 'error', text: 'ERROR' }),
      cmeError: (code: number) => setResult({ kind: 'error', text: errorText('CME', code) }),
      cmsError: (code: number) => setResult({ kind: 'error', text: errorText('CMS', code) }),
      noAnswer: () => setResult({ kind: 'silent' }),
      resetSettings: () => {
        const sim = this.state.sim;
        this.state = this.powerOnState();
        this.state.sim = sim;
      },
      reboot: () => afterAnswer.push(() => this.reboot()),
      setRadio: (on: boolean) => {
        this.state.cregStat = on ? 1 : 0;
        this.state.operator = on ? this.operator : null;
        this.state.rssi = on ? 23 : 99;
      },
      storageChanged: () => this.emit('storage', this.storage.list()),
    };
  }

  private writeFinal(text: string): void {
    this.record('out', text);
    this.write(`\r\n${text}\r\n`);
  }

  private write(text: string): void {
    this.emit('output', Buffer.from(text, 'latin1'));
  }

  private record(dir: 'in' | 'out', line: string): void {
    this.log.push({ at: new Date(), dir, line });
    if (this.log.length > this.logLimit) {
      this.log.splice(0, this.log.length - this.logLimit);
    }
  }
}

/** `AT+CMGR=<i>` / `AT+CMGL=<stat>`: what the `readError` fault refuses. */
function isReadCommand(command: string): boolean {
  const parsed = parseAtCommand(command);
  return (parsed.name === '+CMGR' || parsed.name === '+CMGL') && parsed.kind === 'set';
}
