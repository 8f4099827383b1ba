import { EventEmitter } from 'node:events';

import { SerialPort } from 'serialport';

import { ErrorCode } from 'src/common/app-error';

import { describeError, ModemTransport, TransportDisconnect, TransportError } from './modem-transport';

export interface SerialPortTransportOptions {
  baudRate: number;
}

/**
 * The ONLY file that imports `serialport`. Opens real devices, `/dev/serial/by-id|by-path` symlinks
 * and pseudo-terminals (`/dev/pts/N`, socat links) alike: the kernel resolves the symlink on open.
 */
export class SerialPortTransport extends EventEmitter implements ModemTransport {
  private port: SerialPort | null = null;
  private closing = false;

  constructor(
    readonly path: string,
    private readonly options: SerialPortTransportOptions,
  ) {
    super();
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  open(): Promise<void> {
    if (this.port?.isOpen) {
      return Promise.resolve();
    }
    this.closing = false;
    return new Promise<void>((resolve, reject) => {
      const port = new SerialPort({
        path: this.path,
        baudRate: this.options.baudRate,
        autoOpen: false,
        // ptys have no modem-control lines; dropping DTR on close would also reset some sticks.
        hupcl: false,
      });
      port.open((error) => {
        if (error) {
          reject(
            new TransportError(
              ErrorCode.TransportOpenFailed,
              `cannot open ${this.path}: ${describeError(error)}`,
              this.path,
              { cause: error },
            ),
          );
          return;
        }
        this.port = port;
        port.on('data', (chunk: Buffer) => this.emit('data', chunk));
        port.on('error', (err: Error) => this.lost({ kind: 'io-error', message: err.message, error: err }));
        port.on('close', (err?: Error & { disconnected?: boolean }) => {
          if (err?.disconnected) {
            this.lost({ kind: 'unplugged', message: err.message, error: err });
          } else {
            this.lost({ kind: 'peer-closed', message: 'port closed' });
          }
        });
        resolve();
      });
    });
  }

  write(data: Buffer | string): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) {
      return Promise.reject(
        new TransportError(ErrorCode.TransportClosed, `${this.path} is not open`, this.path),
      );
    }
    return new Promise<void>((resolve, reject) => {
      port.write(data, (writeError) => {
        if (writeError) {
          reject(this.writeError(writeError));
          return;
        }
        port.drain((drainError) => (drainError ? reject(this.writeError(drainError)) : resolve()));
      });
    });
  }

  close(): Promise<void> {
    const port = this.port;
    this.closing = true;
    this.port = null;
    if (!port?.isOpen) {
      return Promise.resolve();
    }
    port.removeAllListeners('data');
    return new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private writeError(error: Error): TransportError {
    // ENXIO/EIO after an unplug: node-serialport does not always emit `close` (issues #2043, #2351).
    return new TransportError(
      ErrorCode.TransportWriteFailed,
      `write to ${this.path} failed: ${error.message}`,
      this.path,
      { cause: error },
    );
  }

  private lost(reason: TransportDisconnect): void {
    if (this.closing) {
      return;
    }
    this.closing = true;
    const port = this.port;
    this.port = null;
    if (port?.isOpen) {
      port.close(() => undefined);
    }
    this.emit('disconnected', reason);
  }
}

export interface SerialPortListing {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
  pnpId?: string;
}

/** Serial ports the OS knows (for `ipgeum modems scan`); ptys are not listed. */
export async function listSerialPorts(): Promise<SerialPortListing[]> {
  const ports = await SerialPort.list();
  return ports.map(({ path, manufacturer, serialNumber, vendorId, productId, pnpId }) => ({
    path,
    manufacturer,
    serialNumber,
    vendorId,
    productId,
    pnpId,
  }));
}
