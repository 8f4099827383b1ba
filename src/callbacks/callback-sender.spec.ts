import { createHmac } from 'node:crypto';
import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import net, { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';

import pino from 'pino';

import { depositCallback } from 'test/factories/deposit-callback.factory';

import { prepareCallback, PreparedCallback } from './callback-request';
import { CallbackSender } from './callback-sender';
import { checkCallbackUrl, LookupFunction } from './callback-url.guard';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;

interface TestServer {
  base: string;
  port: number;
  hits: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: Buffer }>;
  handle(handler: Handler): void;
  maxConcurrent(): number;
  close(): Promise<void>;
}

/** A merchant endpoint on 127.0.0.1 whose behaviour each test sets. */
async function startServer(): Promise<TestServer> {
  let handler: Handler = (_req, res) => res.end('OK');
  const hits: TestServer['hits'] = [];
  const sockets = new Set<net.Socket>();
  let open = 0;
  let peak = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      hits.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    open++;
    peak = Math.max(peak, open);
    socket.on('close', () => {
      sockets.delete(socket);
      open--;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    hits,
    handle: (h) => {
      handler = h;
    },
    maxConcurrent: () => peak,
    close: async () => {
      for (const socket of sockets) {
        socket.destroy();
      }
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A resolver from a table; never touches real DNS. */
function fakeLookup(table: Record<string, string[]>): LookupFunction {
  return ((hostname: string, options: unknown, callback: unknown) => {
    const cb = (typeof options === 'function' ? options : callback) as (
      err: NodeJS.ErrnoException | null,
      addresses: LookupAddress[],
    ) => void;
    const addresses = table[hostname] ?? [];
    process.nextTick(() =>
      cb(
        null,
        addresses.map((address) => ({ address, family: net.isIP(address) })),
      ),
    );
  }) as unknown as LookupFunction;
}

const NOW = new Date(1418894580 * 1000);
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

function queryCall(url: string): PreparedCallback {
  return prepareCallback(
    { url, charset: 'UTF-8', format: 'query', secrets: [SECRET] },
    depositCallback({ balance: null, memo: null }),
    NOW,
  );
}

describe('CallbackSender', () => {
  let server: TestServer;
  let sender: CallbackSender;

  beforeEach(async () => {
    server = await startServer();
    sender = new CallbackSender({ timeoutMs: 1000, allowPrivate: true });
  });

  afterEach(async () => {
    await sender.close();
    await server.close();
  });

  it("should report ok for 200 'OK'", async () => {
    const outcome = await sender.send(queryCall(`${server.base}/cb`), 'query');
    expect(outcome).toEqual({
      ok: true,
      statusCode: 200,
      latencyMs: expect.any(Number),
      bodySnippet: 'OK',
      error: null,
      permanent: false,
    });
    expect(server.hits[0].method).toBe('GET');
    expect(server.hits[0].url).toMatch(/^\/cb\?tid=141218182288692&/);
  });

  it.each([[' ok\n'], ['\uFEFFOK'], ['\r\nOk\t']])('should report ok for 200 %j', async (answer) => {
    server.handle((_req, res) => res.end(answer));
    expect((await sender.send(queryCall(`${server.base}/cb`), 'query')).ok).toBe(true);
  });

  it("should report not ok for 200 'FAIL', retryable, with the answer as snippet", async () => {
    server.handle((_req, res) => res.end('FAIL'));
    const outcome = await sender.send(queryCall(`${server.base}/cb`), 'query');
    expect(outcome).toMatchObject({ ok: false, statusCode: 200, bodySnippet: 'FAIL', permanent: false });
    expect(outcome.error).toMatch(/not OK/);
  });

  it('should report 500 as not ok and not permanent', async () => {
    server.handle((_req, res) => {
      res.statusCode = 500;
      res.end('OK');
    });
    const outcome = await sender.send(queryCall(`${server.base}/cb`), 'query');
    expect(outcome).toMatchObject({ ok: false, statusCode: 500, permanent: false, error: 'HTTP 500' });
  });

  it.each([[400], [401], [404], [410]])('should report %i as permanent', async (status) => {
    server.handle((_req, res) => {
      res.statusCode = status;
      res.end('nope');
    });
    expect(await sender.send(queryCall(`${server.base}/cb`), 'query')).toMatchObject({
      ok: false,
      statusCode: status,
      permanent: true,
    });
  });

  it.each([[408], [429]])('should report %i as retryable', async (status) => {
    server.handle((_req, res) => {
      res.statusCode = status;
      res.end();
    });
    expect(await sender.send(queryCall(`${server.base}/cb`), 'query')).toMatchObject({
      ok: false,
      statusCode: status,
      permanent: false,
    });
  });

  it('should not follow a 302 and report it as a failed call', async () => {
    server.handle((req, res) => {
      if (req.url?.startsWith('/elsewhere')) {
        res.end('OK');
        return;
      }
      res.writeHead(302, { location: '/elsewhere' });
      res.end();
    });
    const outcome = await sender.send(queryCall(`${server.base}/cb`), 'query');
    expect(outcome).toMatchObject({ ok: false, statusCode: 302, permanent: false });
    expect(outcome.error).toMatch(/redirect/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.hits.map((h) => h.url.split('?')[0])).toEqual(['/cb']);
  });

  it('should give up with a timeout error within about timeoutMs when the server never answers', async () => {
    server.handle(() => undefined);
    const quick = new CallbackSender({ timeoutMs: 300, allowPrivate: true });
    const started = Date.now();
    const outcome = await quick.send(queryCall(`${server.base}/cb`), 'query');
    const took = Date.now() - started;
    await quick.close();
    expect(outcome).toMatchObject({ ok: false, statusCode: null, permanent: false });
    expect(outcome.error).toMatch(/timeout/i);
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(1000);
  });

  it('should time out a body that trickles forever', async () => {
    server.handle((_req, res) => {
      res.writeHead(200);
      res.write('O');
    });
    const quick = new CallbackSender({ timeoutMs: 300, allowPrivate: true });
    const outcome = await quick.send(queryCall(`${server.base}/cb`), 'query');
    await quick.close();
    expect(outcome).toMatchObject({ ok: false, statusCode: 200 });
    expect(outcome.error).toMatch(/timeout/i);
  });

  it('should report a refused connection as a retryable failure', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const outcome = await sender.send(queryCall(`http://127.0.0.1:${port}/cb`), 'query');
    expect(outcome).toMatchObject({ ok: false, statusCode: null, permanent: false, bodySnippet: null });
    expect(outcome.error).toMatch(/ECONNREFUSED/);
  });

  it('should stop reading an endless answer at maxBodyBytes', async () => {
    let written = 0;
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(16 * 1024, 'x');
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk)) {
          written += chunk.length;
          if (written > 64 * 1024 * 1024) {
            res.end();
            return;
          }
        }
        if (!res.destroyed) {
          res.once('drain', pump);
        }
      };
      pump();
    });
    const capped = new CallbackSender({ timeoutMs: 5000, allowPrivate: true, maxBodyBytes: 32 * 1024 });
    const started = Date.now();
    const query = await capped.send(queryCall(`${server.base}/cb`), 'query');
    const json = await capped.send(
      prepareCallback(
        { url: `${server.base}/hook`, charset: 'UTF-8', format: 'json', secrets: [SECRET] },
        depositCallback({ balance: null, memo: null }),
        NOW,
      ),
      'json',
    );
    await capped.close();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(query).toMatchObject({ ok: false, statusCode: 200, permanent: false });
    expect(query.error).toMatch(/larger than 32768 bytes/);
    expect(query.bodySnippet).toBe('x'.repeat(200));
    expect(json).toMatchObject({ ok: true, statusCode: 200, error: null });
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('should POST the json format and be verifiable with the Standard Webhooks algorithm', async () => {
    server.handle((_req, res) => {
      res.statusCode = 204;
      res.end();
    });
    const req = prepareCallback(
      { url: `${server.base}/hook`, charset: 'UTF-8', format: 'json', secrets: [SECRET] },
      depositCallback({ balance: null, memo: null }),
      NOW,
    );
    const outcome = await sender.send(req, 'json');
    expect(outcome).toMatchObject({ ok: true, statusCode: 204, bodySnippet: '' });
    const hit = server.hits[0];
    expect(hit.method).toBe('POST');
    expect(hit.headers['content-type']).toBe('application/json');
    const id = String(hit.headers['webhook-id']);
    const ts = String(hit.headers['webhook-timestamp']);
    const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key)
      .update(`${id}.${ts}.${hit.body.toString('utf8')}`)
      .digest('base64');
    expect(String(hit.headers['webhook-signature']).split(' ')).toContain(`v1,${expected}`);
    expect(JSON.parse(hit.body.toString('utf8'))).toMatchObject({
      type: 'deposit.received',
      data: { name: '홍길동' },
    });
  });

  it('should decode an EUC-KR error page leniently into the snippet', async () => {
    server.handle((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end(Buffer.from([0xbf, 0xc0, 0xb7, 0xf9])); // 오류 in CP949
    });
    const outcome = await sender.send(queryCall(`${server.base}/cb`), 'query');
    expect(outcome.bodySnippet).toBe('오류');
  });

  it('should keep one slow merchant from starving another (per-host connection limit)', async () => {
    const slow = await startServer();
    slow.handle((_req, res) => setTimeout(() => res.end('OK'), 600));
    const limited = new CallbackSender({ timeoutMs: 2000, allowPrivate: true, connectionsPerHost: 2 });
    const slowCalls = Array.from({ length: 6 }, () => limited.send(queryCall(`${slow.base}/cb`), 'query'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const fastStarted = Date.now();
    const fast = await limited.send(queryCall(`${server.base}/cb`), 'query');
    const fastTook = Date.now() - fastStarted;
    const slowOutcomes = await Promise.all(slowCalls);
    await limited.close();
    await slow.close();
    expect(fast.ok).toBe(true);
    expect(fastTook).toBeLessThan(300);
    expect(slow.maxConcurrent()).toBeLessThanOrEqual(2);
    expect(slowOutcomes.every((o) => o.ok)).toBe(true);
  });

  it('should never log the full signature', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'debug' },
      new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString('utf8'));
          done();
        },
      }),
    );
    const logged = new CallbackSender({ timeoutMs: 1000, allowPrivate: true, logger });
    const req = prepareCallback(
      {
        url: `${server.base}/cb`,
        charset: 'UTF-8',
        format: 'query',
        secrets: [SECRET, SECRET.replace('M', 'N')],
      },
      depositCallback({ balance: null, memo: null }),
      NOW,
    );
    await logged.send(req, 'query');
    const json = prepareCallback(
      { url: `${server.base}/hook`, charset: 'UTF-8', format: 'json', secrets: [SECRET] },
      depositCallback({ balance: null, memo: null }),
      NOW,
    );
    await logged.send(json, 'json');
    await logged.close();
    const signature = /[?&]signature=([0-9a-f]+)/.exec(req.url)?.[1] ?? '';
    const signature2 = /[?&]signature2=([0-9a-f]+)/.exec(req.url)?.[1] ?? '';
    const output = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(output).toContain('callback call');
    expect(output).not.toContain(signature);
    expect(output).not.toContain(signature2);
    expect(output).not.toContain(json.headers['webhook-signature'].slice(3));
    expect(output).not.toContain(SECRET);
  });

  it('should refuse a URL the sender can never call as permanent, without any traffic', async () => {
    const outcome = await sender.send(
      { ...queryCall(`${server.base}/cb`), url: 'ftp://127.0.0.1/cb' },
      'query',
    );
    expect(outcome).toMatchObject({ ok: false, permanent: true, statusCode: null });
    expect(outcome.error).toMatch(/scheme/);
  });
});

describe('CallbackSender connect-time address check', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startServer();
  });

  afterEach(async () => {
    await server.close();
  });

  it('should refuse a public-looking name whose lookup returns 127.0.0.1 when private is not allowed', async () => {
    const lookup = fakeLookup({ 'shop.example': ['127.0.0.1'] });
    const sender = new CallbackSender({ timeoutMs: 1000, allowPrivate: false, lookup });
    const outcome = await sender.send(queryCall(`http://shop.example:${server.port}/cb`), 'query');
    await sender.close();
    expect(outcome).toMatchObject({ ok: false, statusCode: null, permanent: false });
    expect(outcome.error).toMatch(/rejected.*127\.0\.0\.1/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.maxConcurrent()).toBe(0); // refused before connecting, not after
    expect(server.hits).toHaveLength(0);
  });

  it('should catch DNS rebinding: a name that was public when checked and is loopback when called', async () => {
    let answers = 0;
    const rebinding = ((hostname: string, options: unknown, callback: unknown) => {
      const address = answers++ === 0 ? '93.184.216.34' : '127.0.0.1';
      return fakeLookup({ [hostname]: [address] })(hostname, options as never, callback as never);
    }) as unknown as LookupFunction;
    const url = `http://shop.example:${server.port}/cb`;
    expect((await checkCallbackUrl(url, { allowPrivate: false, lookup: rebinding })).ok).toBe(true);
    const sender = new CallbackSender({ timeoutMs: 1000, allowPrivate: false, lookup: rebinding });
    const outcome = await sender.send(queryCall(url), 'query');
    await sender.close();
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(/127\.0\.0\.1/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.maxConcurrent()).toBe(0);
    expect(server.hits).toHaveLength(0);
  });

  it('should refuse a private literal address as permanent', async () => {
    const sender = new CallbackSender({ timeoutMs: 1000, allowPrivate: false, lookup: fakeLookup({}) });
    const outcome = await sender.send(queryCall(`${server.base}/cb`), 'query');
    await sender.close();
    expect(outcome).toMatchObject({ ok: false, permanent: true });
    expect(outcome.error).toMatch(/127\.0\.0\.1 is a loopback address/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.maxConcurrent()).toBe(0);
    expect(server.hits).toHaveLength(0);
  });

  it('should connect to the address the injected lookup returns when private is allowed', async () => {
    const lookup = fakeLookup({ 'shop.example': ['127.0.0.1'] });
    const sender = new CallbackSender({ timeoutMs: 1000, allowPrivate: true, lookup });
    const outcome = await sender.send(queryCall(`http://shop.example:${server.port}/cb`), 'query');
    await sender.close();
    expect(outcome.ok).toBe(true);
    expect(server.hits[0].headers.host).toBe(`shop.example:${server.port}`);
  });
});
