import request from 'supertest';
import { CallbackHarness } from 'test/utils/callback-harness';
import { decodeCallbackQuery } from 'test/utils/callback-query';
import { waitFor } from 'test/utils/test-gateway';

interface BulkResult {
  total: number;
  succeeded: number;
  failed: number;
  truncated: boolean;
  results: { tid: string; success: boolean; statusCode: number | null; error: string | null }[];
}

/** 수동전송 (single and bulk), expired deposits after renewal, and the endpoint pause. */
describe('manual resend and endpoint pause', () => {
  let h: CallbackHarness;

  const resend = (body: object, status = 200) =>
    request(h.gateway.url).post('/api/v1/deposits/resend').set(h.merchant()).send(body).expect(status);
  const callbackStatus = async () =>
    (
      await request(h.gateway.url)
        .get(`/api/v1/accounts/${h.accountId}/callback-status`)
        .set(h.merchant())
        .expect(200)
    ).body as { paused: boolean; reason: string | null; heldDeposits: number; failingSince: string | null };
  const setServiceUntil = (serviceUntil: string | null) =>
    request(h.gateway.url)
      .patch(`/api/v1/admin/merchants/${h.merchantId}`)
      .set(h.admin())
      .send({ serviceUntil })
      .expect(200);
  const noResponseDeposit = async () => {
    h.receiver.respond({ status: 500, body: 'down' });
    const { amount } = await h.injectDeposit();
    return h.depositWithStatus(amount, 'no_response');
  };

  beforeAll(async () => {
    h = await CallbackHarness.start({ env: { CALLBACK_MAX_ATTEMPTS: '2', CALLBACK_RETRY_DELAY_MS: '100' } });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  beforeEach(async () => {
    h.receiver.calls.length = 0;
    h.receiver.respond({ status: 200, body: 'OK' });
    await h.sql('DELETE FROM callback_endpoints');
  });

  it('should resend a selection of tids, one manual call each, with a result per tid', async () => {
    const first = await noResponseDeposit();
    const second = await noResponseDeposit();
    h.receiver.calls.length = 0;
    h.receiver.respond({ status: 200, body: 'OK' });
    const missing = '999912312359999';
    const body = (await resend({ tids: [first.tid, second.tid, missing] })).body as BulkResult;
    expect(body).toMatchObject({ total: 3, succeeded: 2, failed: 1, truncated: false });
    expect(body.results).toEqual(
      expect.arrayContaining([
        { tid: first.tid, success: true, statusCode: 200, error: null },
        { tid: second.tid, success: true, statusCode: 200, error: null },
        { tid: missing, success: false, statusCode: null, error: 'deposit not found' },
      ]),
    );
    const calls = h.receiver.calls.map((call) => decodeCallbackQuery(call.rawUrl, 'UTF-8'));
    expect(calls.map((c) => c.attempt)).toEqual(['manual', 'manual']);
    expect(new Set(calls.map((c) => c.tid))).toEqual(new Set([first.tid, second.tid]));
    const after = await h.depositWithStatus(first.amount, 'success');
    expect(after.elapsedMs).toBeGreaterThan(0);
    expect((await h.attempts(first.tid)).map((a) => a.attempt)).toEqual([1, 2, 'manual']);
  });

  it('should resend every no_response deposit since a time, and none from before it', async () => {
    const before = await noResponseDeposit();
    await new Promise((r) => setTimeout(r, 50));
    const since = new Date().toISOString();
    const a = await noResponseDeposit();
    const b = await noResponseDeposit();
    h.receiver.calls.length = 0;
    h.receiver.respond({ status: 200, body: 'OK' });
    const body = (await resend({ status: 'no_response', since })).body as BulkResult;
    expect(body.results.map((r) => r.tid).sort()).toEqual([a.tid, b.tid].sort());
    expect(body.succeeded).toBe(2);
    expect(h.receiver.calls).toHaveLength(2);
    expect((await h.deposits()).find((d) => d.tid === before.tid)?.status).toBe('no_response');
  });

  it('should refuse a bulk resend without a selection, naming the field', async () => {
    expect((await resend({}, 400)).body.message).toMatch(/^tids/);
    expect((await resend({ status: 'no_response' }, 400)).body.message).toMatch(/^since/);
    expect((await resend({ status: 'success', since: '2026-01-01T00:00:00Z' }, 400)).body.message).toMatch(
      /^status/,
    );
    expect((await resend({ tids: ['12'] }, 400)).body.message).toMatch(/^tids/);
  });

  it('should send an expired deposit only after the service period is renewed', async () => {
    await setServiceUntil('2020-01-31');
    try {
      const { amount } = await h.injectDeposit();
      const deposit = await h.depositWithStatus(amount, 'expired');
      await new Promise((r) => setTimeout(r, 300));
      expect(h.receiver.calls).toHaveLength(0);
      const refused = await request(h.gateway.url)
        .post(`/api/v1/deposits/${deposit.tid}/resend`)
        .set(h.merchant())
        .expect(422);
      expect(refused.body.message).toMatch(/service period ended 2020-01-31/);
      expect((await resend({ tids: [deposit.tid] })).body).toMatchObject({ succeeded: 0, failed: 1 });
      expect(h.receiver.calls).toHaveLength(0);

      await setServiceUntil('2099-12-31');
      const body = (await resend({ status: 'expired', since: '2020-01-01T00:00:00Z' })).body as BulkResult;
      expect(body.results).toEqual([{ tid: deposit.tid, success: true, statusCode: 200, error: null }]);
      expect(decodeCallbackQuery(h.receiver.calls[0].rawUrl, 'UTF-8')).toMatchObject({
        tid: deposit.tid,
        attempt: 'manual',
      });
      await h.depositWithStatus(amount, 'success');
    } finally {
      await setServiceUntil(null);
    }
  });

  it('should pause an endpoint that answered nothing for CALLBACK_PAUSE_AFTER_DAYS, hold deposits, and resume on a test callback', async () => {
    const x = await pauseByFailure();
    expect((await callbackStatus()).reason).toMatch(
      /no OK answer since .* \(3 days or more\); last error: HTTP 500/,
    );
    h.receiver.calls.length = 0;
    h.receiver.respond({ status: 200, body: 'OK' });
    const y = await h.injectDeposit();
    await waitFor(async () => (await callbackStatus()).heldDeposits === 2, 10_000, 'both deposits held');
    await new Promise((r) => setTimeout(r, 300));
    expect(h.receiver.calls).toHaveLength(0);
    expect((await h.deposits()).find((d) => d.amount === y.amount)?.status).toBe('sending');

    const test = await request(h.gateway.url)
      .post(`/api/v1/accounts/${h.accountId}/test-callback`)
      .set(h.merchant())
      .expect(200);
    expect(test.body).toMatchObject({ success: true });
    const deliveredX = await h.depositWithStatus(x.amount, 'success');
    const deliveredY = await h.depositWithStatus(y.amount, 'success');
    expect((await h.attempts(deliveredX.tid)).map((a) => a.attempt)).toEqual([1, 2]);
    expect((await h.attempts(deliveredY.tid)).map((a) => a.attempt)).toEqual([1]);
    expect(await callbackStatus()).toMatchObject({ paused: false, heldDeposits: 0, failingSince: null });
  }, 30_000);

  it('should resume a paused endpoint on a successful resend', async () => {
    const held = await pauseByFailure();
    h.receiver.respond({ status: 200, body: 'OK' });
    const tid = (await h.deposits()).find((d) => d.amount === held.amount)!.tid;
    await request(h.gateway.url).post(`/api/v1/deposits/${tid}/resend`).set(h.merchant()).expect(200);
    expect((await callbackStatus()).paused).toBe(false);
    const { amount } = await h.injectDeposit();
    await h.depositWithStatus(amount, 'success');
  }, 30_000);

  /**
   * Fails long enough to pause, without waiting days: after one failure the streak's start is moved
   * four days back, so the next failed call pauses the endpoint and that deposit's next attempt is held.
   */
  async function pauseByFailure(): Promise<{ amount: number }> {
    await noResponseDeposit();
    expect(await callbackStatus()).toMatchObject({ paused: false, failingSince: expect.any(String) });
    await h.sql(`UPDATE callback_endpoints SET failing_since = now() - interval '4 days'`);
    const held = await h.injectDeposit();
    await waitFor(
      async () => {
        const status = await callbackStatus();
        return status.paused && status.heldDeposits === 1;
      },
      10_000,
      'the endpoint paused with the deposit held',
    );
    return held;
  }
});
