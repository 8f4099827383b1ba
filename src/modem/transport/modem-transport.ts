import { AppError, ErrorCode } from 'src/common/app-error';

/**
 * A modem is a byte stream. Serial ports, ptys (the simulator), `tcp://` (ser2net) and the in-memory
 * test double all implement this, so nothing above the transport knows which one it talks to.
 *
 * Semantics:
 * - `open()` resolves once bytes can be written; it rejects with {@link TransportError} (101).
 * - `write()` resolves once the bytes were handed to the OS (and drained where the binding can).
 *   A write pending when the transport closes rejects with code 102 (`canceled`).
 * - `data` carries raw chunks exactly as read; framing is the AT line parser's job.
 * - `disconnected` fires once when the stream ends WITHOUT `close()` having been called (unplug,
 *   peer closed, I/O error). A deliberate `close()` emits nothing. Retries never live here.
 */
export interface ModemTransport {
  readonly path: string;
  readonly isOpen: boolean;
  open(): Promise<void>;
  write(data: Buffer | string): Promise<void>;
  close(): Promise<void>;
  on(event: 'data', listener: (chunk: Buffer) => void): this;
  on(event: 'disconnected', listener: (reason: TransportDisconnect) => void): this;
  off(event: 'data', listener: (chunk: Buffer) => void): this;
  off(event: 'disconnected', listener: (reason: TransportDisconnect) => void): this;
}

export type TransportDisconnectKind = 'unplugged' | 'peer-closed' | 'io-error';

export interface TransportDisconnect {
  kind: TransportDisconnectKind;
  message: string;
  error?: unknown;
}

export type ModemTransportFactory = (port: string) => ModemTransport;

export class TransportError extends AppError {
  constructor(
    code: ErrorCode.TransportOpenFailed | ErrorCode.TransportClosed | ErrorCode.TransportWriteFailed,
    message: string,
    readonly port: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, { port }, options);
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
