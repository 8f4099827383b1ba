import { createHmac } from 'node:crypto';
import request from 'supertest';
import { CallbackHarness, KB_SENDER, kbDepositText } from 'test/utils/callback-harness';
import { decodeCallbackQuery } from 'test/utils/callback-query';
import { waitFor } from 'test/utils/test-gateway';

/**
 * The spine end to end: simulated modems on real pseudo-terminals opened by serialport, real
 * PostgreSQL and Redis, a merchant HTTP endpoint on loopback.
 */
describe('a KB deposit SMS reaches the merchant callback', () => {
  const MAX_ATTEMPTS = 3;
  let h: CallbackHarness;

  async function inboundOutcome(sender: string, textPart: string): Promise<string | null> {
    const response = await request(h.gateway.url)
      .get('/api/v1/admin/inbound-sms?pageSize=100')
      .set(h.admin())
      .expect(200);
    const items = (response.body as { items: { sender: string; text: string; status: string }[] }).items;
    const sms = items.find(
      (item) => item.sender === sender && item.text.includes(textPart) && item.status !== 'received',
    );
    return sms?.status ?? null;
  }

  beforeAll(async () => {
    h = await CallbackHarness.start({
      modems: 2,
      phoneNumbers: ['+821055501001', '+821055501002'],
      account: { holder: '홍길동' },
      env: { CALLBACK_MAX_ATTEMPTS: String(MAX_ATTEMPTS), CALLBACK_RETRY_DELAY_MS: '200' },
    });
    const sims = await h.sims();
    expect(sims.map((sim) => sim.phoneNumber).sort()).toEqual(['010-5550-1001', '010-5550-1002']);
    expect(h.account?.accountNumber).toBe('12345678901789');
    expect(h.account?.notificationNumber).toMatch(/^010-5550-100[12]$/);
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  beforeEach(() => {
    h.receiver.calls.length = 0;
    h.receiver.respond({ status: 200, body: 'OK' });
  });

  it('should call the merchant once with every parameter, signed, and list the deposit as success', async () => {
    const injectedAt = Date.now();
    await h.injectDeposit('홍길동', { amount: 600_000, balance: 1_320_000 });
    await h.receiver.waitForCalls(1);
    const call = h.receiver.calls[0];
    expect(call.method).toBe('GET');
    expect(call.at.getTime() - injectedAt).toBeLessThan(3000);
    const params = decodeCallbackQuery(call.rawUrl, 'UTF-8');
    expect(params).toMatchObject({
      bankcode: '004',
      account: '12345678901789',
      price: '600000',
      name: '홍길동',
      uid: h.merchantId,
      charset: 'UTF-8',
      bank_name: expect.stringContaining('국민'),
      balance: '1320000',
      verdict: 'verified',
      attempt: '1',
    });
    expect(params.tid).toMatch(/^\d{15}$/);
    expect(params.paydt).toMatch(/^\d{4}-07-04 15:24:00$/);
    expect(Math.abs(Number(params.ts) - Date.now() / 1000)).toBeLessThan(30);
    expectValidSignature(params, h.callbackSecret);

    const listed = await waitFor(async () => {
      const deposit = (await h.deposits()).find((item) => item.tid === params.tid);
      return deposit?.status === 'success' ? deposit : null;
    });
    expect(listed).toMatchObject({
      amount: 600000,
      depositorName: '홍길동',
      bankCode: '004',
      attempts: 1,
      accountId: h.accountId,
    });
    const attempts = await h.attempts(params.tid);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({
      success: true,
      statusCode: 200,
      attempt: 1,
    });
  });

  it('should send EUC-KR (CP949) bytes that a merchant decodes back, names outside EUC-KR included', async () => {
    await h.setAccount({ charset: 'EUC-KR' });
    try {
      await h.injectDeposit('똠방각하', { amount: 55_000 });
      await h.receiver.waitForCalls(1);
      const raw = h.receiver.calls[0].rawUrl;
      // 똠 is 0x8C 0x63 in CP949 (outside KS X 1001), E B 98 A0 in UTF-8.
      expect(raw).not.toMatch(/%EB%98%A0/i);
      expect(raw).toMatch(/name=%8C(c|%63)/i);
      const params = decodeCallbackQuery(raw, 'EUC-KR');
      expect(params.name).toBe('똠방각하');
      expect(params.charset).toBe('EUC-KR');
      expectValidSignature(params, h.callbackSecret);
    } finally {
      await h.setAccount({ charset: 'UTF-8' });
    }
  });

  it('should retry after FAIL answers and stop at the first OK', async () => {
    h.receiver.respond(
      { status: 200, body: 'FAIL' },
      { status: 200, body: 'FAIL' },
      { status: 200, body: 'OK' },
    );
    await h.injectDeposit('김영희', { amount: 11_000 });
    await h.receiver.waitForCalls(3);
    const tid = decodeCallbackQuery(h.receiver.calls[0].rawUrl, 'UTF-8').tid;
    expect(h.receiver.calls.map((call) => decodeCallbackQuery(call.rawUrl, 'UTF-8').attempt)).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect(new Set(h.receiver.calls.map((call) => decodeCallbackQuery(call.rawUrl, 'UTF-8').tid))).toEqual(
      new Set([tid]),
    );
    const deposit = await waitFor(async () => {
      const found = (await h.deposits()).find((item) => item.tid === tid);
      return found?.status === 'success' ? found : null;
    });
    expect(deposit.attempts).toBe(3);
    expect((await h.attempts(tid)).map((a) => a.success)).toEqual([false, false, true]);
    await new Promise((r) => setTimeout(r, 600));
    expect(h.receiver.calls).toHaveLength(3);
  });

  it('should give up after CALLBACK_MAX_ATTEMPTS failed calls with no_response', async () => {
    h.receiver.respond({ status: 500, body: 'down' });
    await h.injectDeposit('이철수', { amount: 7_000 });
    await h.receiver.waitForCalls(MAX_ATTEMPTS);
    const tid = decodeCallbackQuery(h.receiver.calls[0].rawUrl, 'UTF-8').tid;
    const deposit = await waitFor(async () => {
      const found = (await h.deposits()).find((item) => item.tid === tid);
      return found?.status === 'no_response' ? found : null;
    });
    expect(deposit.attempts).toBe(MAX_ATTEMPTS);
    await new Promise((r) => setTimeout(r, 800));
    expect(h.receiver.calls).toHaveLength(MAX_ATTEMPTS);

    // 수동전송 once the merchant is back: one call marked manual, then success.
    h.receiver.respond({ status: 200, body: 'OK' });
    const resent = await request(h.gateway.url)
      .post(`/api/v1/deposits/${tid}/resend`)
      .set(h.merchant())
      .expect(200);
    expect(resent.body).toMatchObject({ tid, success: true, statusCode: 200 });
    expect(h.receiver.calls).toHaveLength(MAX_ATTEMPTS + 1);
    expect(decodeCallbackQuery(h.receiver.calls[MAX_ATTEMPTS].rawUrl, 'UTF-8')).toMatchObject({
      tid,
      attempt: 'manual',
    });
    const after = await request(h.gateway.url).get(`/api/v1/deposits/${tid}`).set(h.merchant()).expect(200);
    expect(after.body).toMatchObject({ status: 'success' });
    expect((await h.attempts(tid)).map((a) => a.attempt)).toEqual([1, 2, 3, 'manual']);
  });

  it('should make one deposit when the same SMS is read twice', async () => {
    const before = (await h.depositPage()).total;
    const { sms } = await h.injectDeposit('박중복', {
      amount: 33_000,
      smscTimestamp: new Date('2026-07-04T06:24:00Z'),
    });
    await h.simulator.injectSms(h.accountModemId, sms);
    await h.receiver.waitForCalls(1);
    await waitFor(
      () => Promise.resolve(h.simulator.storage(h.accountModemId).length === 0),
      10_000,
      'both copies read and deleted',
    );
    await new Promise((r) => setTimeout(r, 500));
    expect((await h.depositPage()).total).toBe(before + 1);
    expect(h.receiver.calls).toHaveLength(1);
  });

  it('should make no deposit from a withdrawal or from a KB-looking SMS sent by a mobile number', async () => {
    const before = (await h.depositPage()).total;
    await h.simulator.injectSms(h.accountModemId, {
      sender: KB_SENDER,
      text: '[Web발신]\n[KB]07/07 18:29\n123456**789\n박민수\n출금\n2,960,000\n잔액560,000',
    });
    await h.simulator.injectSms(h.accountModemId, {
      sender: '01099998888',
      text: kbDepositText('사기꾼', 9_900_000, 9_999_999),
    });
    expect(await waitFor(() => inboundOutcome(KB_SENDER, '출금'))).toBe('withdrawal');
    expect(await waitFor(() => inboundOutcome('01099998888', '사기꾼'))).toBe('unknown_sender');
    expect((await h.depositPage()).total).toBe(before);
    expect(h.receiver.calls).toHaveLength(0);
  });

  it("should keep one merchant out of another one's deposits", async () => {
    const other = await h.addMerchant('다른상점');
    const items = await h.deposits();
    expect(items.length).toBeGreaterThan(0);
    const theirs = await request(h.gateway.url).get('/api/v1/deposits').set(other.auth).expect(200);
    expect((theirs.body as { total: number }).total).toBe(0);
    await request(h.gateway.url).get(`/api/v1/deposits/${items[0].tid}`).set(other.auth).expect(404);
    await request(h.gateway.url).get(`/api/v1/accounts/${h.accountId}`).set(other.auth).expect(404);
    await request(h.gateway.url)
      .get('/api/v1/deposits')
      .set({ Authorization: 'Bearer ipg_wrong' })
      .expect(401);
  });
});

/** What a merchant does: HMAC-SHA256 with the secret over every other param, sorted, `k=v&…`. */
function expectValidSignature(params: Record<string, string>, secret: string): void {
  const canonical = Object.keys(params)
    .filter((key) => key !== 'signature')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
  expect(params.signature).toBe(createHmac('sha256', secret).update(canonical, 'utf8').digest('hex'));
}
