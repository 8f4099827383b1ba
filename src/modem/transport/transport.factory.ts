import { readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';

import { ModemTransport } from './modem-transport';
import { SerialPortTransport } from './serial-port.transport';
import { parseTcpPath, TcpTransport } from './tcp.transport';

export const SERIAL_BY_ID_DIR = '/dev/serial/by-id';

export interface TransportFactoryOptions {
  baudRate: number;
}

/** `tcp://host:port` → TCP; anything else is a device path (tty, `/dev/serial/by-*`, pty, socat link). */
export function createTransport(port: string, options: TransportFactoryOptions): ModemTransport {
  if (parseTcpPath(port)) {
    return new TcpTransport(port);
  }
  return new SerialPortTransport(port, { baudRate: options.baudRate });
}

export function transportFactory(options: TransportFactoryOptions): (port: string) => ModemTransport {
  return (port) => createTransport(port, options);
}

/**
 * The stable `/dev/serial/by-id/…` name of a device path when one exists (USB re-enumeration
 * renumbers ttyUSBn; by-id does not). Returns the input for tcp paths, ptys or on any error.
 */
export function preferStableDevicePath(port: string, byIdDir = SERIAL_BY_ID_DIR): string {
  if (parseTcpPath(port) || port.startsWith(byIdDir)) {
    return port;
  }
  try {
    const target = realpathSync(port);
    for (const name of readdirSync(byIdDir)) {
      const candidate = join(byIdDir, name);
      if (realpathSync(candidate) === target) {
        return candidate;
      }
    }
  } catch {
    // no by-id directory (pty, container) or the device vanished: keep what we were given
  }
  return port;
}
