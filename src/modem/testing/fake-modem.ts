import { MemoryTransport } from 'src/modem/transport/memory.transport';

/**
 * A small scripted modem for unit tests over {@link MemoryTransport}, in the spirit of the simulator's
 * behaviours (STYLE.md D4): each command family has a default answer; a test overrides one with
 * {@link FakeModem.on}. It lives in src/ (not hardware/) because unit specs next to the code use it;
 * nothing in the app imports it.
 */
export interface FakeStoredSms {
  status: number;
  pdu: string;
}

export type FakeReply = string[] | 'silent' | ((modem: FakeModem) => string[] | 'silent');

export class FakeModem {
  echo = true;
  storage = new Map<number, FakeStoredSms>();
  capacity = 30;
  readonly received: string[] = [];
  identity = {
    manufacturer: 'SIMCOM_Ltd',
    model: 'SIMCOM_SIM800L',
    revision: 'Revision:1418B04SIM800L24',
    imei: '861234567890123',
    imsi: '450051234567890',
    iccid: '8982012345678901234',
    ownNumber: '+821012345678',
  };
  /** Split every reply into chunks at these many random points (exercises partial lines). */
  splitReplies = false;
  private readonly overrides: { match: RegExp; reply: FakeReply; times: number }[] = [];

  constructor(readonly transport: MemoryTransport = new MemoryTransport()) {
    transport.onWrite = (data) => this.handleWrite(data);
  }

  /** Override the reply to commands matching `match` (optionally only the next `times` ones). */
  on(match: RegExp, reply: FakeReply, times = Infinity): this {
    this.overrides.unshift({ match, reply, times });
    return this;
  }

  /** Drops every override: default behaviours answer again. */
  clearOverrides(): this {
    this.overrides.length = 0;
    return this;
  }

  /** Store a message and announce it with `+CMTI`, like the network delivering one. */
  deliver(pdu: string, options: { announce?: boolean; index?: number } = {}): number {
    const index = options.index ?? this.freeIndex();
    this.storage.set(index, { status: 0, pdu });
    if (options.announce !== false) {
      this.transport.emitLines(`+CMTI: "SM",${index}`);
    }
    return index;
  }

  /** Commands received so far (CR stripped, ESC writes dropped). */
  get commands(): string[] {
    return this.received;
  }

  emit(...lines: string[]): void {
    this.transport.emitLines(...lines);
  }

  private freeIndex(): number {
    for (let i = 1; i <= this.capacity; i += 1) {
      if (!this.storage.has(i)) {
        return i;
      }
    }
    throw new Error('fake modem storage full');
  }

  private handleWrite(data: string): void {
    for (const raw of data.split('\r')) {
      const cmd = raw.replace(/\x1b|\x1a/g, '').trim();
      if (cmd === '') {
        continue;
      }
      this.received.push(cmd);
      const reply = this.reply(cmd);
      if (reply === 'silent') {
        continue;
      }
      const lines = this.echo ? [cmd, ...reply] : reply;
      this.send(lines, this.echo);
      if (/^ATE0$/i.test(cmd)) {
        this.echo = false;
      } else if (/^ATE1$/i.test(cmd)) {
        this.echo = true;
      }
    }
  }

  private send(lines: string[], echoFirst: boolean): void {
    // Echo comes back as "<cmd>\r", then each line as "\r\n<line>\r\n" (ATV1).
    const text = lines.map((line, i) => (echoFirst && i === 0 ? `${line}\r` : `\r\n${line}\r\n`)).join('');
    if (!this.splitReplies) {
      this.transport.emitData(text);
      return;
    }
    let at = 0;
    while (at < text.length) {
      const size = 1 + Math.floor(Math.random() * 7);
      this.transport.emitData(text.slice(at, at + size));
      at += size;
    }
  }

  private reply(cmd: string): string[] | 'silent' {
    for (const override of this.overrides) {
      if (override.times > 0 && override.match.test(cmd)) {
        override.times -= 1;
        return typeof override.reply === 'function' ? override.reply(this) : override.reply;
      }
    }
    return this.defaultReply(cmd);
  }

  private defaultReply(cmd: string): string[] {
    const upper = cmd.toUpperCase();
    const used = this.storage.size;
    const id = this.identity;
    const simple: Record<string, string[]> = {
      AT: ['OK'],
      ATE0: ['OK'],
      ATE1: ['OK'],
      'AT+CMEE=1': ['OK'],
      'AT+CMGF=0': ['OK'],
      'AT+CPIN?': ['+CPIN: READY', 'OK'],
      'AT+CGMI': [id.manufacturer, 'OK'],
      'AT+CGMM': [id.model, 'OK'],
      'AT+CGMR': [id.revision, 'OK'],
      'AT+CGSN': [id.imei, 'OK'],
      'AT+CIMI': [id.imsi, 'OK'],
      'AT+CCID': [id.iccid, 'OK'],
      'AT+CNUM': [`+CNUM: "","${id.ownNumber}",145`, 'OK'],
      'AT+CSQ': ['+CSQ: 21,99', 'OK'],
      'AT+CREG?': ['+CREG: 0,1', 'OK'],
      'AT+COPS?': ['+COPS: 0,0,"SKTelecom",7', 'OK'],
      'AT+CPMS=?': ['+CPMS: ("SM","ME"),("SM","ME"),("SM","ME")', 'OK'],
      'AT+CPMS?': [
        `+CPMS: "SM",${used},${this.capacity},"SM",${used},${this.capacity},"SM",${used},${this.capacity}`,
        'OK',
      ],
      'AT+CNMI=?': ['+CNMI: (0-3),(0-3),(0-3),(0,1),(0,1)', 'OK'],
    };
    if (simple[upper]) {
      return simple[upper];
    }
    if (upper.startsWith('AT+CPMS=')) {
      return [`+CPMS: ${used},${this.capacity},${used},${this.capacity},${used},${this.capacity}`, 'OK'];
    }
    if (upper.startsWith('AT+CNMI=')) {
      return ['OK'];
    }
    let match = /^AT\+CMGL=(\d)$/.exec(upper);
    if (match) {
      const out: string[] = [];
      for (const [index, sms] of [...this.storage.entries()].sort((a, b) => a[0] - b[0])) {
        out.push(`+CMGL: ${index},${sms.status},,${sms.pdu.length / 2 - 8}`, sms.pdu);
        sms.status = sms.status === 0 ? 1 : sms.status;
      }
      return [...out, 'OK'];
    }
    match = /^AT\+CMGR=(\d+)$/.exec(upper);
    if (match) {
      const sms = this.storage.get(Number(match[1]));
      if (!sms) {
        return ['OK'];
      }
      const stat = sms.status;
      sms.status = stat === 0 ? 1 : stat;
      return [`+CMGR: ${stat},,${sms.pdu.length / 2 - 8}`, sms.pdu, 'OK'];
    }
    match = /^AT\+CMGD=(\d+)$/.exec(upper);
    if (match) {
      this.storage.delete(Number(match[1]));
      return ['OK'];
    }
    return ['ERROR'];
  }
}
