import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedCallback {
  method: string;
  /** Path and query exactly as sent (percent-encoded bytes untouched). */
  rawUrl: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  at: Date;
}

export type Answer = { status: number; body: string } | 'hang';

/**
 * A merchant endpoint on 127.0.0.1 that records every call and answers from a script (the last
 * answer repeats), like the shop receivers that CONTRACT.md's callback is made for.
 */
export class MerchantReceiver {
  readonly calls: ReceivedCallback[] = [];
  private answers: Answer[] = [{ status: 200, body: 'OK' }];
  private waiters: { count: number; resolve: () => void }[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(path = '/callback'): Promise<MerchantReceiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const receiver = new MerchantReceiver(server, `http://127.0.0.1:${port}${path}`);
    server.on('request', (req: IncomingMessage, res: import('node:http').ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => receiver.handle(req, Buffer.concat(chunks), res));
    });
    return receiver;
  }

  /** Answers in order; the last one repeats. */
  respond(...answers: Answer[]): void {
    this.answers = answers;
  }

  waitForCalls(count: number, timeoutMs = 10_000): Promise<void> {
    if (this.calls.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`expected ${count} calls, got ${this.calls.length}`)),
        timeoutMs,
      );
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, body: Buffer, res: import('node:http').ServerResponse): void {
    this.calls.push({
      method: req.method ?? '',
      rawUrl: req.url ?? '',
      headers: req.headers,
      body,
      at: new Date(),
    });
    const answer = this.answers[Math.min(this.calls.length - 1, this.answers.length - 1)];
    this.waiters = this.waiters.filter((waiter) =>
      this.calls.length >= waiter.count ? (waiter.resolve(), false) : true,
    );
    if (answer === 'hang') return;
    res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body);
  }
}
