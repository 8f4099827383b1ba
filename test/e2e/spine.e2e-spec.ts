import { createHmac } from 'node:crypto';
import request from 'supertest';
import { Simulator } from 'hardware/simulator/simulator';
import { decodeCallbackQuery } from 'test/utils/callback-query';
import { MerchantReceiver } from 'test/utils/merchant-receiver';
import {
  createTestDatabase,
  startTestGateway,
  TEST_ADMIN_TOKEN,
  TestGateway,
  waitFor,
} from 'test/utils/test-gateway';

/**
 * The spine end to end: simulated modems on real pseudo-terminals opened by serialport, real
 * PostgreSQL and Redis, a merchant HTTP endpoint on loopback.
 */
describe('a KB deposit SMS reaches the merchant callback', () => {
  const MAX_ATTEMPTS = 3;
  let simulator: Simulator;
  let receiver: MerchantReceiver;
  let gateway: TestGateway;
  let database: { url: string; drop: () => Promise<void> };
  let apiKey: string;
  let callbackSecret: string;
  let merchantId: string;
  let account: { id: string; accountNumber: string; notificationNumber: string };
  let modemId: string;

  const admin = () => ({ Authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
  const merchant = () => ({ Authorization: `Bearer ${apiKey}` });
  const kbDeposit = (name: string, amount: string, balance: string) =>
    `[Web발신]\n[KB]07/04 15:24\n123456**789\n${name}\n입금\n${amount}\n잔액${balance}`;

  async function depositsNow(): Promise<{ total: number; items: Record<string, unknown>[] }> {
    const response = await request(gateway.url)
      .get('/api/v1/deposits?pageSize=100')
      .set(merchant())
      .expect(200);
    return response.body as { total: number; items: Record<string, unknown>[] };
  }

  async function inboundOutcome(sender: string, textPart: string): Promise<string | null> {
    const response = await request(gateway.url)
      .get('/api/v1/admin/inbound-sms?pageSize=100')
      .set(admin())
      .expect(200);
    const items = (response.body as { items: { sender: string; text: string; status: string }[] }).items;
    const sms = items.find(
      (item) => item.sender === sender && item.text.includes(textPart) && item.status !== 'received',
    );
    return sms?.status ?? null;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    simulator = await Simulator.start({ modems: 2, phoneNumbers: ['+821055501001', '+821055501002'] });
    receiver = await MerchantReceiver.start();
    gateway = await startTestGateway({
      databaseUrl: database.url,
      env: {
        MODEMS: simulator.modems.map((modem) => modem.path).join(','),
        CALLBACK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
        CALLBACK_RETRY_DELAY_MS: '200',
        CALLBACK_TIMEOUT_MS: '2000',
      },
    });
    const sims = await waitFor(
      async () => {
        const response = await request(gateway.url).get('/api/v1/admin/sims').set(admin()).expect(200);
        const body = response.body as { phoneNumber: string | null }[];
        return body.length === 2 && body.every((sim) => sim.phoneNumber) ? body : null;
      },
      20_000,
      'both SIMs with their numbers',
    );
    expect(sims.map((sim) => sim.phoneNumber).sort()).toEqual(['010-5550-1001', '010-5550-1002']);

    const created = await request(gateway.url)
      .post('/api/v1/admin/merchants')
      .set(admin())
      .send({ name: '테스트상점' })
      .expect(201);
    ({
      apiKey,
      callbackSecret,
      id: merchantId,
    } = created.body as { apiKey: string; callbackSecret: string; id: string });
    const registered = await request(gateway.url)
      .post('/api/v1/accounts')
      .set(merchant())
      .send({
        bankCode: '004',
        accountNumber: '123456-78-901789',
        holder: '홍길동',
        callbackUrl: receiver.url,
        charset: 'UTF-8',
      })
      .expect(201);
    account = registered.body as typeof account;
    expect(account.accountNumber).toBe('12345678901789');
    expect(account.notificationNumber).toMatch(/^010-5550-100[12]$/);
    const digits = account.notificationNumber.replace(/-/g, '');
    modemId = simulator.modems.find((modem) => modem.phoneNumber?.endsWith(digits.slice(1)))!.id;
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
    await simulator?.close();
    await receiver?.close();
    await database?.drop();
  });

  beforeEach(() => {
    receiver.calls.length = 0;
    receiver.respond({ status: 200, body: 'OK' });
  });

  it('should call the merchant once with every parameter, signed, and list the deposit as success', async () => {
    const injectedAt = Date.now();
    await simulator.injectSms(modemId, {
      sender: '16449999',
      text: kbDeposit('홍길동', '600,000', '1,320,000'),
    });
    await receiver.waitForCalls(1);
    const call = receiver.calls[0];
    expect(call.method).toBe('GET');
    expect(call.at.getTime() - injectedAt).toBeLessThan(3000);
    const params = decodeCallbackQuery(call.rawUrl, 'UTF-8');
    expect(params).toMatchObject({
      bankcode: '004',
      account: '12345678901789',
      price: '600000',
      name: '홍길동',
      uid: merchantId,
      charset: 'UTF-8',
      bank_name: expect.stringContaining('국민'),
      balance: '1320000',
      verdict: 'verified',
      attempt: '1',
    });
    expect(params.tid).toMatch(/^\d{15}$/);
    expect(params.paydt).toMatch(/^\d{4}-07-04 15:24:00$/);
    expect(Math.abs(Number(params.ts) - Date.now() / 1000)).toBeLessThan(30);
    expectValidSignature(params, callbackSecret);

    const listed = await waitFor(async () => {
      const deposits = await depositsNow();
      const deposit = deposits.items.find((item) => item.tid === params.tid);
      return deposit?.status === 'success' ? deposit : null;
    });
    expect(listed).toMatchObject({
      amount: 600000,
      depositorName: '홍길동',
      bankCode: '004',
      attempts: 1,
      accountId: account.id,
    });
    const attempts = await request(gateway.url)
      .get(`/api/v1/deposits/${params.tid}/attempts`)
      .set(merchant())
      .expect(200);
    expect(attempts.body).toHaveLength(1);
    expect((attempts.body as { success: boolean; statusCode: number }[])[0]).toMatchObject({
      success: true,
      statusCode: 200,
      attempt: 1,
    });
  });

  it('should send EUC-KR (CP949) bytes that a merchant decodes back, names outside EUC-KR included', async () => {
    await request(gateway.url)
      .patch(`/api/v1/accounts/${account.id}`)
      .set(merchant())
      .send({ charset: 'EUC-KR' })
      .expect(200);
    try {
      await simulator.injectSms(modemId, {
        sender: '16449999',
        text: kbDeposit('똠방각하', '55,000', '1,375,000'),
      });
      await receiver.waitForCalls(1);
      const raw = receiver.calls[0].rawUrl;
      // 똠 is 0x8C 0x63 in CP949 (outside KS X 1001), E B 98 A0 in UTF-8.
      expect(raw).not.toMatch(/%EB%98%A0/i);
      expect(raw).toMatch(/name=%8C(c|%63)/i);
      const params = decodeCallbackQuery(raw, 'EUC-KR');
      expect(params.name).toBe('똠방각하');
      expect(params.charset).toBe('EUC-KR');
      expectValidSignature(params, callbackSecret);
    } finally {
      await request(gateway.url)
        .patch(`/api/v1/accounts/${account.id}`)
        .set(merchant())
        .send({ charset: 'UTF-8' })
        .expect(200);
    }
  });

  it('should retry after FAIL answers and stop at the first OK', async () => {
    receiver.respond(
      { status: 200, body: 'FAIL' },
      { status: 200, body: 'FAIL' },
      { status: 200, body: 'OK' },
    );
    await simulator.injectSms(modemId, {
      sender: '16449999',
      text: kbDeposit('김영희', '11,000', '1,386,000'),
    });
    await receiver.waitForCalls(3);
    const tid = decodeCallbackQuery(receiver.calls[0].rawUrl, 'UTF-8').tid;
    expect(receiver.calls.map((call) => decodeCallbackQuery(call.rawUrl, 'UTF-8').attempt)).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect(new Set(receiver.calls.map((call) => decodeCallbackQuery(call.rawUrl, 'UTF-8').tid))).toEqual(
      new Set([tid]),
    );
    const deposit = await waitFor(async () => {
      const found = (await depositsNow()).items.find((item) => item.tid === tid);
      return found?.status === 'success' ? found : null;
    });
    expect(deposit.attempts).toBe(3);
    const attempts = await request(gateway.url)
      .get(`/api/v1/deposits/${tid}/attempts`)
      .set(merchant())
      .expect(200);
    expect((attempts.body as { success: boolean }[]).map((a) => a.success)).toEqual([false, false, true]);
    await new Promise((r) => setTimeout(r, 600));
    expect(receiver.calls).toHaveLength(3);
  });

  it('should give up after CALLBACK_MAX_ATTEMPTS failed calls with no_response', async () => {
    receiver.respond({ status: 500, body: 'down' });
    await simulator.injectSms(modemId, {
      sender: '16449999',
      text: kbDeposit('이철수', '7,000', '1,393,000'),
    });
    await receiver.waitForCalls(MAX_ATTEMPTS);
    const tid = decodeCallbackQuery(receiver.calls[0].rawUrl, 'UTF-8').tid;
    const deposit = await waitFor(async () => {
      const found = (await depositsNow()).items.find((item) => item.tid === tid);
      return found?.status === 'no_response' ? found : null;
    });
    expect(deposit.attempts).toBe(MAX_ATTEMPTS);
    await new Promise((r) => setTimeout(r, 800));
    expect(receiver.calls).toHaveLength(MAX_ATTEMPTS);

    // 수동전송 once the merchant is back: one call marked manual, then success.
    receiver.respond({ status: 200, body: 'OK' });
    const resent = await request(gateway.url)
      .post(`/api/v1/deposits/${tid}/resend`)
      .set(merchant())
      .expect(200);
    expect(resent.body).toMatchObject({ tid, success: true, statusCode: 200 });
    expect(receiver.calls).toHaveLength(MAX_ATTEMPTS + 1);
    expect(decodeCallbackQuery(receiver.calls[MAX_ATTEMPTS].rawUrl, 'UTF-8')).toMatchObject({
      tid,
      attempt: 'manual',
    });
    const after = await request(gateway.url).get(`/api/v1/deposits/${tid}`).set(merchant()).expect(200);
    expect(after.body).toMatchObject({ status: 'success' });
    const attempts = await request(gateway.url)
      .get(`/api/v1/deposits/${tid}/attempts`)
      .set(merchant())
      .expect(200);
    expect((attempts.body as { attempt: unknown }[]).map((a) => a.attempt)).toEqual([1, 2, 3, 'manual']);
  });

  it('should make one deposit when the same SMS is read twice', async () => {
    const before = (await depositsNow()).total;
    const sms = {
      sender: '16449999',
      text: kbDeposit('박중복', '33,000', '1,426,000'),
      smscTimestamp: new Date('2026-07-04T06:24:00Z'),
    };
    await simulator.injectSms(modemId, sms);
    await simulator.injectSms(modemId, sms);
    await receiver.waitForCalls(1);
    await waitFor(
      () => Promise.resolve(simulator.storage(modemId).length === 0),
      10_000,
      'both copies read and deleted',
    );
    await new Promise((r) => setTimeout(r, 500));
    expect((await depositsNow()).total).toBe(before + 1);
    expect(receiver.calls).toHaveLength(1);
  });

  it('should make no deposit from a withdrawal or from a KB-looking SMS sent by a mobile number', async () => {
    const before = (await depositsNow()).total;
    await simulator.injectSms(modemId, {
      sender: '16449999',
      text: '[Web발신]\n[KB]07/07 18:29\n123456**789\n박민수\n출금\n2,960,000\n잔액560,000',
    });
    await simulator.injectSms(modemId, {
      sender: '01099998888',
      text: kbDeposit('사기꾼', '9,900,000', '9,999,999'),
    });
    expect(await waitFor(() => inboundOutcome('16449999', '출금'))).toBe('withdrawal');
    expect(await waitFor(() => inboundOutcome('01099998888', '사기꾼'))).toBe('unknown_sender');
    expect((await depositsNow()).total).toBe(before);
    expect(receiver.calls).toHaveLength(0);
  });

  it("should keep one merchant out of another one's deposits", async () => {
    const other = await request(gateway.url)
      .post('/api/v1/admin/merchants')
      .set(admin())
      .send({ name: '다른상점' })
      .expect(201);
    const otherKey = (other.body as { apiKey: string }).apiKey;
    const { items } = await depositsNow();
    expect(items.length).toBeGreaterThan(0);
    const theirs = await request(gateway.url)
      .get('/api/v1/deposits')
      .set({ Authorization: `Bearer ${otherKey}` })
      .expect(200);
    expect((theirs.body as { total: number }).total).toBe(0);
    await request(gateway.url)
      .get(`/api/v1/deposits/${String(items[0].tid)}`)
      .set({ Authorization: `Bearer ${otherKey}` })
      .expect(404);
    await request(gateway.url)
      .get(`/api/v1/accounts/${account.id}`)
      .set({ Authorization: `Bearer ${otherKey}` })
      .expect(404);
    await request(gateway.url).get('/api/v1/deposits').set({ Authorization: 'Bearer ipg_wrong' }).expect(401);
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
