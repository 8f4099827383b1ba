import { EventEmitter } from 'node:events';

import { ErrorCode } from 'src/common/app-error';

import { ModemTransport, TransportDisconnect, TransportError } from './modem-transport';

/**
 * In-memory transport for unit and medium tests: records every write, lets the test emit data,
 * simulate an unplug or a failing open. An optional `onWrite` hook turns it into a scripted modem.
 */
export class MemoryTransport extends EventEmitter implements ModemTransport {
  readonly writes: string[] = [];
  private opened = false;
  /** Number of `open()` calls that should fail before one succeeds (tests of reconnect/backoff). */
  failOpens = 0;
  openCount = 0;
  /** When set, `write()` never resolves (a wedged driver). */
  stallWrites = false;
  onWrite?: (data: string, transport: MemoryTransport) => void;

  constructor(readonly path: string = 'memory://modem') {
    super();
  }

  get isOpen(): boolean {
    return this.opened;
  }

  open(): Promise<void> {
    this.openCount += 1;
    if (this.failOpens > 0) {
      this.failOpens -= 1;
      return Promise.reject(
        new TransportError(ErrorCode.TransportOpenFailed, `cannot open ${this.path}: ENOENT`, this.path),
      );
    }
    this.opened = true;
    return Promise.resolve();
  }

  async write(data: Buffer | string): Promise<void> {
    if (!this.opened) {
      throw new TransportError(ErrorCode.TransportClosed, `${this.path} is not open`, this.path);
    }
    const text = typeof data === 'string' ? data : data.toString('latin1');
    this.writes.push(text);
    if (this.stallWrites) {
      return new Promise<void>(() => undefined);
    }
    // Like a real port: the reply comes later, never inside write().
    const hook = this.onWrite;
    if (hook) {
      setImmediate(() => {
        if (this.opened) {
          hook(text, this);
        }
      });
    }
  }

  close(): Promise<void> {
    this.opened = false;
    return Promise.resolve();
  }

  /** Bytes from the "modem". */
  emitData(data: string | Buffer): void {
    if (!this.opened) {
      return;
    }
    this.emit('data', typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  }

  /** Lines from the "modem", each framed as `\r\n<line>\r\n` like a modem with `ATV1`. */
  emitLines(...lines: string[]): void {
    this.emitData(lines.map((line) => `\r\n${line}\r\n`).join(''));
  }

  /** Simulate an unplug / peer close. */
  disconnect(reason: TransportDisconnect = { kind: 'unplugged', message: 'device removed' }): void {
    if (!this.opened) {
      return;
    }
    this.opened = false;
    this.emit('disconnected', reason);
  }

  /** Commands written so far, without the trailing CR. */
  get commands(): string[] {
    return this.writes.map((w) => w.replace(/\r$/, ''));
  }
}
