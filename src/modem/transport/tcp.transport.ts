import { EventEmitter } from 'node:events';
import { Socket } from 'node:net';

import { ErrorCode } from 'src/common/app-error';

import { describeError, ModemTransport, TransportDisconnect, TransportError } from './modem-transport';

export interface TcpEndpoint {
  host: string;
  port: number;
}

/** Parses `tcp://host:port` (IPv6 as `tcp://[::1]:2000`); null when the path is not a tcp URL. */
export function parseTcpPath(path: string): TcpEndpoint | null {
  const match = /^tcp:\/\/(\[[^\]]+\]|[^:/]+):(\d{1,5})\/?$/i.exec(path.trim());
  if (!match) {
    return null;
  }
  const port = Number(match[2]);
  if (port < 1 || port > 65535) {
    return null;
  }
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

/** A modem behind ser2net, a networked modem pool or the simulator served on `tcp://`. */
export class TcpTransport extends EventEmitter implements ModemTransport {
  private socket: Socket | null = null;
  private closing = false;
  private readonly endpoint: TcpEndpoint;

  constructor(
    readonly path: string,
    private readonly connectTimeoutMs = 5_000,
  ) {
    super();
    const endpoint = parseTcpPath(path);
    if (!endpoint) {
      throw new TransportError(ErrorCode.TransportOpenFailed, `not a tcp://host:port path: ${path}`, path);
    }
    this.endpoint = endpoint;
  }

  get isOpen(): boolean {
    return this.socket !== null && !this.socket.destroyed;
  }

  open(): Promise<void> {
    if (this.isOpen) {
      return Promise.resolve();
    }
    this.closing = false;
    return new Promise<void>((resolve, reject) => {
      const socket = new Socket();
      const fail = (error: unknown): void => {
        socket.destroy();
        reject(
          new TransportError(
            ErrorCode.TransportOpenFailed,
            `cannot connect ${this.path}: ${describeError(error)}`,
            this.path,
            { cause: error },
          ),
        );
      };
      socket.setTimeout(this.connectTimeoutMs, () => fail(new Error('connect timeout')));
      socket.once('error', fail);
      socket.connect(this.endpoint.port, this.endpoint.host, () => {
        socket.setTimeout(0);
        socket.off('error', fail);
        socket.setNoDelay(true);
        socket.setKeepAlive(true, 10_000);
        this.socket = socket;
        socket.on('data', (chunk: Buffer) => this.emit('data', chunk));
        socket.on('error', (error: Error) => this.lost({ kind: 'io-error', message: error.message, error }));
        socket.on('close', () => this.lost({ kind: 'peer-closed', message: 'connection closed' }));
        resolve();
      });
    });
  }

  write(data: Buffer | string): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.destroyed) {
      return Promise.reject(
        new TransportError(ErrorCode.TransportClosed, `${this.path} is not open`, this.path),
      );
    }
    return new Promise<void>((resolve, reject) => {
      socket.write(data, (error) =>
        error
          ? reject(
              new TransportError(
                ErrorCode.TransportWriteFailed,
                `write to ${this.path} failed: ${error.message}`,
                this.path,
                {
                  cause: error,
                },
              ),
            )
          : resolve(),
      );
    });
  }

  close(): Promise<void> {
    this.closing = true;
    const socket = this.socket;
    this.socket = null;
    if (!socket || socket.destroyed) {
      return Promise.resolve();
    }
    socket.removeAllListeners('data');
    return new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, 500).unref();
    });
  }

  private lost(reason: TransportDisconnect): void {
    if (this.closing) {
      return;
    }
    this.closing = true;
    this.socket?.destroy();
    this.socket = null;
    this.emit('disconnected', reason);
  }
}
