/**
 * A minimal AT client for simulator specs and rehearsal scripts: sends a command line, collects the
 * raw reply up to the final result code, waits for URCs. It is deliberately naive (no URC
 * extraction): the gateway's AT engine is what gets tested for that, not this.
 */
import { createConnection, type Socket } from 'node:net';

import { SerialPort } from 'serialport';

const FINAL = /\r\n(OK|ERROR|\+CM[ES] ERROR: [^\r]*|COMMAND NOT SUPPORT)\r\n/;

export interface ByteLink {
  write(data: string): void;
  close(): Promise<void>;
}

export class AtClient {
  /** everything received so far, latin1 */
  received = '';
  private mark = 0;
  private waiters: (() => void)[] = [];

  private constructor(private readonly link: ByteLink) {}

  static async openSerial(path: string): Promise<AtClient> {
    const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    const client = new AtClient({
      write: (data) => {
        port.write(Buffer.from(data, 'latin1'));
      },
      close: () =>
        new Promise<void>((resolve) => {
          if (!port.isOpen) {
            resolve();
            return;
          }
          port.close(() => resolve());
        }),
    });
    port.on('data', (d: Buffer) => client.onData(d));
    port.on('error', () => undefined);
    return client;
  }

  static async openTcp(url: string): Promise<AtClient> {
    const { hostname, port } = new URL(url.replace(/^tcp:/, 'http:'));
    const socket: Socket = await new Promise((resolve, reject) => {
      const s = createConnection({ host: hostname, port: Number(port) }, () => resolve(s));
      s.once('error', reject);
    });
    const client = new AtClient({
      write: (data) => {
        socket.write(Buffer.from(data, 'latin1'));
      },
      close: () =>
        new Promise<void>((resolve) => {
          if (socket.closed) {
            resolve();
            return;
          }
          socket.once('close', () => resolve());
          socket.destroy();
        }),
    });
    socket.on('data', (d: Buffer) => client.onData(d));
    socket.on('error', () => undefined);
    return client;
  }

  /** Sends `line\r` and resolves with the raw bytes received up to and including the final result code. */
  async command(line: string, timeoutMs = 2000): Promise<string> {
    const start = this.received.length;
    this.link.write(`${line}\r`);
    const reply = await this.waitFor(FINAL, timeoutMs, start);
    this.mark = this.received.length;
    return reply;
  }

  /** Resolves with the text from `from` (default: after the last command's reply) once it matches `pattern`. */
  async waitFor(pattern: RegExp, timeoutMs = 2000, from = this.mark): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = this.received.slice(from);
      const m = pattern.exec(text);
      if (m) {
        return text.slice(0, m.index + m[0].length);
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`timeout waiting for ${pattern} in ${JSON.stringify(text)}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Writes raw bytes (no CR added). */
  write(data: string): void {
    this.link.write(data);
  }

  close(): Promise<void> {
    return this.link.close();
  }

  private onData(d: Buffer): void {
    this.received += d.toString('latin1');
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }
}
