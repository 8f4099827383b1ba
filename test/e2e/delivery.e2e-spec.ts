import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { CallbackHarness } from 'test/utils/callback-harness';
import { decodeCallbackQuery } from 'test/utils/callback-query';

/**
 * Every delivery case of issue 6, through the real path: a bank SMS on a simulated modem, the
 * recorder's outbox transaction, Bull, undici, the merchant on loopback. Retries are 300 ms apart.
 */
describe('callback delivery', () => {
  const MAX_ATTEMPTS = 3;
  let h: CallbackHarness;

  const attemptsSeen = () =>
    h.receiver.calls.map((call) => decodeCallbackQuery(call.rawUrl, 'UTF-8').attempt);
  const tidsSeen = () =>
    new Set(h.receiver.calls.map((call) => decodeCallbackQuery(call.rawUrl, 'UTF-8').tid));
  const settle = (ms = 900) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    h = await CallbackHarness.start({
      env: { CALLBACK_MAX_ATTEMPTS: String(MAX_ATTEMPTS), CALLBACK_TIMEOUT_MS: '700' },
    });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  beforeEach(async () => {
    h.receiver.calls.length = 0;
    h.receiver.respond({ status: 200, body: 'OK' });
    await h.setAccount({ callbackUrl: h.receiver.url });
  });

  it('should deliver on the first call: one call, success, elapsedMs from SMS stored to OK', async () => {
    const { amount } = await h.injectDeposit();
    const deposit = await h.depositWithStatus(amount, 'success');
    expect(attemptsSeen()).toEqual(['1']);
    expect(deposit.attempts).toBe(1);
    expect(deposit.elapsedMs).toEqual(expect.any(Number));
    expect(deposit.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(deposit.elapsedMs).toBeLessThan(5000);
    expect(await h.attempts(deposit.tid)).toMatchObject([{ attempt: 1, success: true, error: null }]);
    await settle();
    expect(h.receiver.calls).toHaveLength(1);
  });

  it('should retry FAIL answers with the same tid and stop at the first OK', async () => {
    h.receiver.respond(
      { status: 200, body: 'FAIL' },
      { status: 200, body: 'FAIL' },
      { status: 200, body: 'OK' },
    );
    const { amount } = await h.injectDeposit();
    const deposit = await h.depositWithStatus(amount, 'success');
    expect(attemptsSeen()).toEqual(['1', '2', '3']);
    expect(tidsSeen()).toEqual(new Set([deposit.tid]));
    expect((await h.attempts(deposit.tid)).map((a) => a.success)).toEqual([false, false, true]);
    await settle();
    expect(h.receiver.calls).toHaveLength(3);
  });

  it('should make exactly CALLBACK_MAX_ATTEMPTS calls to an endpoint that always fails, then no_response', async () => {
    h.receiver.respond({ status: 503, body: 'maintenance' });
    const { amount } = await h.injectDeposit();
    const deposit = await h.depositWithStatus(amount, 'no_response');
    expect(deposit.attempts).toBe(MAX_ATTEMPTS);
    await settle(1500);
    expect(attemptsSeen()).toEqual(['1', '2', '3']);
    const attempts = await h.attempts(deposit.tid);
    expect(attempts.map((a) => a.error)).toEqual(['HTTP 503', 'HTTP 503', 'HTTP 503']);
  });

  it('should count a call that outlives CALLBACK_TIMEOUT_MS as failed and retry it', async () => {
    h.receiver.respond('hang', { status: 200, body: 'OK' });
    const { amount } = await h.injectDeposit();
    const deposit = await h.depositWithStatus(amount, 'success');
    const attempts = await h.attempts(deposit.tid);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2]);
    expect(attempts[0].error).toMatch(/timeout after 700 ms/);
  });

  it('should count a refused connection as failed, every attempt, then no_response', async () => {
    await h.setAccount({ callbackUrl: `http://127.0.0.1:${await closedPort()}/callback` });
    const { amount } = await h.injectDeposit();
    const deposit = await h.depositWithStatus(amount, 'no_response');
    const attempts = await h.attempts(deposit.tid);
    expect(attempts).toHaveLength(MAX_ATTEMPTS);
    for (const attempt of attempts) expect(attempt.error).toMatch(/connection refused/);
  });

  it('should not take a 200 whose body is not OK, and take OK with a BOM, spaces and any case', async () => {
    h.receiver.respond({ status: 200, body: 'NOT OK' }, { status: 200, body: '\uFEFF ok \r\n' });
    const { amount } = await h.injectDeposit();
    const deposit = await h.depositWithStatus(amount, 'success');
    const attempts = await h.attempts(deposit.tid);
    expect(attempts.map((a) => [a.success, a.error])).toEqual([
      [false, 'HTTP 200 but the answer is not OK'],
      [true, null],
    ]);
  });

  it('should not follow a redirect: a 3xx is a failed call and the target is never called', async () => {
    const redirector = await startRedirector(h.receiver.url);
    try {
      await h.setAccount({ callbackUrl: redirector.url });
      const { amount } = await h.injectDeposit();
      const deposit = await h.depositWithStatus(amount, 'no_response');
      expect(redirector.hits()).toBe(MAX_ATTEMPTS);
      expect(h.receiver.calls).toHaveLength(0);
      const attempts = await h.attempts(deposit.tid);
      expect(attempts.map((a) => a.error)).toEqual(
        Array(MAX_ATTEMPTS).fill('redirect (HTTP 302) not followed'),
      );
    } finally {
      await redirector.close();
    }
  });
});

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A merchant URL that answers 302 to the real receiver, counting its hits. */
async function startRedirector(
  target: string,
): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits += 1;
    res.writeHead(302, { location: target }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/old-callback`,
    hits: () => hits,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
