import { EventEmitter } from 'node:events';
import { readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';

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
  /** The name to open: the `/dev/serial/by-id/…` link when there is one, else the device node. */
  path: string;
  /** The device node behind it (`/dev/ttyUSB2`), for spotting one device under two names. */
  realPath: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
  pnpId?: string;
}

/** Where serial ports are looked for; tests point these at the simulator's pty directory. */
export interface SerialScanOptions {
  /** Stable links, preferred as names (default `/dev/serial/by-id`). */
  byIdDir?: string;
  /** Device nodes (default `/dev`) … */
  devDir?: string;
  /** … whose names match (default `ttyUSB*` and `ttyACM*`). */
  devPattern?: RegExp;
  /** Also ask the OS (`SerialPort.list()`, udev); off when the directories are injected. */
  osList?: boolean;
}

export const DEFAULT_SERIAL_SCAN: Required<SerialScanOptions> = {
  byIdDir: '/dev/serial/by-id',
  devDir: '/dev',
  devPattern: /^tty(USB|ACM)\d+$/,
  osList: true,
};

/**
 * Serial ports that may be modems (for `MODEMS=auto` and `ipgeum modems scan`): what the OS lists
 * (udev; absent in many containers), plus the `/dev/serial/by-id` links and the `ttyUSB*`/`ttyACM*`
 * nodes found by reading the directories. One entry per device, named by its by-id link when it has
 * one. Never throws: a missing directory or OS listing contributes nothing.
 */
export async function listSerialPorts(options: SerialScanOptions = {}): Promise<SerialPortListing[]> {
  const scan = { ...DEFAULT_SERIAL_SCAN, ...options };
  const found = new Map<string, SerialPortListing>();
  const add = (path: string, extra: Omit<SerialPortListing, 'path' | 'realPath'> = {}): void => {
    const realPath = resolveDevice(path);
    if (!realPath) {
      return;
    }
    const known = found.get(realPath);
    const preferred = known && known.path.startsWith(scan.byIdDir) ? known.path : path;
    found.set(realPath, { ...known, ...stripUndefined(extra), path: preferred, realPath });
  };
  for (const name of readNames(scan.byIdDir)) {
    add(join(scan.byIdDir, name));
  }
  for (const name of readNames(scan.devDir).filter((n) => scan.devPattern.test(n))) {
    add(join(scan.devDir, name));
  }
  if (scan.osList) {
    const listed = await SerialPort.list().catch(() => []);
    for (const { path, manufacturer, serialNumber, vendorId, productId, pnpId } of listed) {
      add(path, { manufacturer, serialNumber, vendorId, productId, pnpId });
    }
  }
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
}

function readNames(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function resolveDevice(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null; // dangling link: the device went away
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
