import { createHmac } from 'node:crypto';
import request from 'supertest';
import { CallbackHarness } from 'test/utils/callback-harness';
import { decodeCallbackQuery } from 'test/utils/callback-query';
import { ReceivedCallback } from 'test/utils/merchant-receiver';

const PREVIOUS_SECRET = 'whsec_cHJldmlvdXMgc2VjcmV0IGZvciB0aGUgcm90YXRpb24gdGVzdA==';

/**
 * What a Standard Webhooks receiver does (the standardwebhooks libraries): HMAC-SHA256 keyed with
 * the base64 part of `whsec_…` over `id.timestamp.body`, compared with every `v1,` signature.
 */
function verifyStandardWebhook(call: ReceivedCallback, secret: string): boolean {
  const id = String(call.headers['webhook-id']);
  const timestamp = String(call.headers['webhook-timestamp']);
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key)
    .update(`${id}.${timestamp}.${call.body.toString('utf8')}`)
    .digest('base64');
  return String(call.headers['webhook-signature'])
    .split(' ')
    .some((entry) => entry === `v1,${expected}`);
}

/** The `query` receiver of CONTRACT.md: every param but the signatures, sorted, `k=v&…`, HMAC hex. */
function queryCanonical(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((key) => key !== 'signature' && key !== 'signature2')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

describe('callback formats and secret rotation', () => {
  let h: CallbackHarness;

  const json = (call: ReceivedCallback) =>
    JSON.parse(call.body.toString('utf8')) as {
      type: string;
      timestamp: string;
      data: Record<string, unknown>;
    };
  const rotate = (until: Date | null) =>
    h.sql('UPDATE merchants SET callback_secret_previous = $1, callback_secret_previous_until = $2', [
      until ? PREVIOUS_SECRET : null,
      until,
    ]);

  beforeAll(async () => {
    h = await CallbackHarness.start({ callbackFormat: 'json', env: { CALLBACK_MAX_ATTEMPTS: '3' } });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  beforeEach(async () => {
    h.receiver.calls.length = 0;
    h.receiver.respond({ status: 204, body: '' });
    await rotate(null);
    await h.setAccount({ callbackFormat: 'json', memo: '주문 연동' });
  });

  it('should POST a Standard Webhooks deposit.received that a receiver verifies, and take any 2xx', async () => {
    const { amount, name, balance } = await h.injectDeposit('김하나');
    const deposit = await h.depositWithStatus(amount, 'success');
    expect(h.receiver.calls).toHaveLength(1);
    const call = h.receiver.calls[0];
    expect(call.method).toBe('POST');
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.headers['webhook-id']).toBe(deposit.tid);
    expect(String(call.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verifyStandardWebhook(call, h.callbackSecret)).toBe(true);
    expect(verifyStandardWebhook(call, PREVIOUS_SECRET)).toBe(false);
    const body = json(call);
    expect(body.type).toBe('deposit.received');
    expect(new Date(body.timestamp).toISOString()).toBe(body.timestamp);
    expect(body.data).toEqual({
      tid: deposit.tid,
      bankCode: '004',
      bankName: expect.stringContaining('국민'),
      accountId: h.accountId,
      account: '12345678901789',
      amount,
      name,
      balance,
      depositedAt: expect.stringMatching(/^\d{4}-07-04T06:24:00\.000Z$/),
      verdict: 'verified',
      memo: '주문 연동',
      attempt: 1,
    });
  });

  it('should retry a json call answered 500 and take 202 with any body', async () => {
    h.receiver.respond({ status: 500, body: 'oops' }, { status: 202, body: 'queued, thanks' });
    const { amount } = await h.injectDeposit();
    const deposit = await h.depositWithStatus(amount, 'success');
    expect(h.receiver.calls.map((call) => json(call).data.attempt)).toEqual([1, 2]);
    expect(h.receiver.calls.map((call) => call.headers['webhook-id'])).toEqual([deposit.tid, deposit.tid]);
    for (const call of h.receiver.calls) expect(verifyStandardWebhook(call, h.callbackSecret)).toBe(true);
  });

  it('should sign json with both secrets during a rotation, each verifiable on its own', async () => {
    await rotate(new Date(Date.now() + 3_600_000));
    const { amount } = await h.injectDeposit();
    await h.depositWithStatus(amount, 'success');
    const call = h.receiver.calls[0];
    expect(String(call.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifyStandardWebhook(call, h.callbackSecret)).toBe(true);
    expect(verifyStandardWebhook(call, PREVIOUS_SECRET)).toBe(true);
  });

  it('should send signature and signature2 in the query format during a rotation, and only signature after it', async () => {
    await h.setAccount({ callbackFormat: 'query' });
    h.receiver.respond({ status: 200, body: 'OK' });
    await rotate(new Date(Date.now() + 3_600_000));
    const first = await h.injectDeposit();
    await h.depositWithStatus(first.amount, 'success');
    const during = decodeCallbackQuery(h.receiver.calls[0].rawUrl, 'UTF-8');
    const canonical = queryCanonical(during);
    expect(during.signature).toBe(createHmac('sha256', h.callbackSecret).update(canonical).digest('hex'));
    expect(during.signature2).toBe(createHmac('sha256', PREVIOUS_SECRET).update(canonical).digest('hex'));

    await rotate(new Date(Date.now() - 1000));
    const second = await h.injectDeposit();
    await h.depositWithStatus(second.amount, 'success');
    const after = decodeCallbackQuery(h.receiver.calls[1].rawUrl, 'UTF-8');
    expect(after.signature2).toBeUndefined();
    expect(after.signature).toBe(
      createHmac('sha256', h.callbackSecret).update(queryCanonical(after)).digest('hex'),
    );
  });

  it('should send a test callback marked as test in both formats', async () => {
    const jsonTest = await request(h.gateway.url)
      .post(`/api/v1/accounts/${h.accountId}/test-callback`)
      .set(h.merchant())
      .expect(200);
    expect(jsonTest.body).toMatchObject({
      success: true,
      statusCode: 204,
      tid: expect.stringMatching(/^0{10}\d{5}$/),
    });
    const jsonCall = h.receiver.calls[0];
    expect(json(jsonCall).type).toBe('deposit.test');
    expect(verifyStandardWebhook(jsonCall, h.callbackSecret)).toBe(true);

    await h.setAccount({ callbackFormat: 'query' });
    h.receiver.respond({ status: 200, body: 'OK' });
    const queryTest = await request(h.gateway.url)
      .post(`/api/v1/accounts/${h.accountId}/test-callback`)
      .set(h.merchant())
      .expect(200);
    expect(queryTest.body).toMatchObject({ success: true, statusCode: 200 });
    const params = decodeCallbackQuery(h.receiver.calls[1].rawUrl, 'UTF-8');
    expect(params).toMatchObject({ test: '1', attempt: 'manual', tid: queryTest.body.tid });
    expect(params.signature).toBe(
      createHmac('sha256', h.callbackSecret).update(queryCanonical(params)).digest('hex'),
    );
    // Nothing was recorded as a deposit.
    expect((await h.deposits()).map((d) => d.tid)).not.toContain(queryTest.body.tid);
  });
});
