/**
 * A modem served on tcp://127.0.0.1:<port>, ser2net style: one client at a time, a second
 * connection is refused (closed at once) while the first is attached.
 */
import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';

export class TcpEndpoint extends EventEmitter {
  private server: Server | null = null;
  private client: Socket | null = null;
  private boundPort: number;

  constructor(
    port = 0,
    readonly host = '127.0.0.1',
  ) {
    super();
    this.boundPort = port;
  }

  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `tcp://${this.host}:${this.boundPort}`;
  }

  get listening(): boolean {
    return this.server !== null;
  }

  /** Listens (again on the same port after a stop, so a replugged modem keeps its URL). */
  async listen(): Promise<void> {
    if (this.server) {
      return;
    }
    const server = createServer((socket) => this.onConnection(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.boundPort, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address && typeof address === 'object') {
      this.boundPort = address.port;
    }
    this.server = server;
  }

  write(data: Buffer): void {
    if (this.client && !this.client.destroyed) {
      this.client.write(data);
    }
  }

  /** Drops the client and stops listening. */
  async close(): Promise<void> {
    this.client?.destroy();
    this.client = null;
    const server = this.server;
    this.server = null;
    if (server) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private onConnection(socket: Socket): void {
    if (this.client && !this.client.destroyed) {
      socket.destroy();
      return;
    }
    this.client = socket;
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => this.emit('data', d));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.client === socket) {
        this.client = null;
      }
    });
  }
}
