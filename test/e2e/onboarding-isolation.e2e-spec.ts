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
 * A merchant's onboarding on a simulated modem (register -> 입금통지번호 -> the bank's verification
 * SMS read from the gateway -> first deposit called back), then tenant isolation: another merchant
 * gets 404 for every one of those ids, and a revoked key gets 401.
 */
describe('onboarding and isolation', () => {
  let simulator: Simulator;
  let receiver: MerchantReceiver;
  let gateway: TestGateway;
  let database: { url: string; drop: () => Promise<void> };
  let a: { id: string; auth: { Authorization: string } };
  let b: { id: string; auth: { Authorization: string } };
  let accountId: string;
  let tid: string;

  const admin = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

  async function createMerchant(name: string) {
    const created = await request(gateway.url)
      .post('/api/v1/admin/merchants')
      .set(admin)
      .send({ name })
      .expect(201);
    const body = created.body as { id: string; apiKey: string };
    return { id: body.id, auth: { Authorization: `Bearer ${body.apiKey}` } };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    simulator = await Simulator.start({ modems: 1, phoneNumbers: ['+821055509001'] });
    receiver = await MerchantReceiver.start();
    gateway = await startTestGateway({
      databaseUrl: database.url,
      env: { MODEMS: simulator.modems[0].path, CALLBACK_RETRY_DELAY_MS: '200' },
    });
    await waitFor(
      async () => {
        const sims = await request(gateway.url).get('/api/v1/admin/sims').set(admin).expect(200);
        return (sims.body as { phoneNumber: string | null }[])[0]?.phoneNumber ?? null;
      },
      20_000,
      'the SIM with its number',
    );
    a = await createMerchant('온보딩상점');
    b = await createMerchant('옆가게');
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
    await simulator?.close();
    await receiver?.close();
    await database?.drop();
  });

  it('should give a new account its 입금통지번호 and show the bank verification code sent to it', async () => {
    const registered = await request(gateway.url)
      .post('/api/v1/accounts')
      .set(a.auth)
      .send({
        bankCode: '004',
        accountNumber: '654321-00-111789',
        callbackUrl: receiver.url,
        charset: 'UTF-8',
      })
      .expect(201);
    const account = registered.body as { id: string; notificationNumber: string };
    accountId = account.id;
    expect(account.notificationNumber).toBe('010-5550-9001');

    // The merchant subscribes KB's SMS alert to that number; KB texts a code to it.
    await simulator.injectSms(simulator.modems[0].id, {
      sender: '16449999',
      text: '[Web발신]\n[KB국민은행] 인증번호 [482913]를 입력해 주세요.',
    });
    const messages = await waitFor(async () => {
      const response = await request(gateway.url)
        .get(`/api/v1/accounts/${accountId}/verification-messages`)
        .set(a.auth)
        .expect(200);
      const body = response.body as { code: string; sender: string; text: string }[];
      return body.length > 0 ? body : null;
    });
    expect(messages[0]).toMatchObject({ code: '482913', sender: '16449999', kind: 'verification' });
  });

  it("should call the merchant back for the account's first deposit", async () => {
    await simulator.injectSms(simulator.modems[0].id, {
      sender: '16449999',
      text: '[Web발신]\n[KB]07/04 15:24\n654321**789\n홍길동\n입금\n30,000\n잔액30,000',
    });
    await receiver.waitForCalls(1);
    const params = decodeCallbackQuery(receiver.calls[0].rawUrl, 'UTF-8');
    expect(params).toMatchObject({ account: '65432100111789', price: '30000', uid: a.id });
    tid = params.tid;
  });

  it("should answer 404 to another merchant for everything of this merchant's", async () => {
    const asB = () => request(gateway.url);
    await asB().get(`/api/v1/accounts/${accountId}`).set(b.auth).expect(404);
    await asB().patch(`/api/v1/accounts/${accountId}`).set(b.auth).send({ memo: 'mine now' }).expect(404);
    await asB().delete(`/api/v1/accounts/${accountId}`).set(b.auth).expect(404);
    await asB().get(`/api/v1/accounts/${accountId}/verification-messages`).set(b.auth).expect(404);
    await asB().get(`/api/v1/deposits/${tid}`).set(b.auth).expect(404);
    await asB().get(`/api/v1/deposits/${tid}/attempts`).set(b.auth).expect(404);
    await asB().post(`/api/v1/deposits/${tid}/resend`).set(b.auth).expect(404);
    await asB().delete(`/api/v1/deposits/${tid}`).set(b.auth).expect(404);
    const lists = await asB().get('/api/v1/accounts').set(b.auth).expect(200);
    expect(lists.body).toEqual([]);
    const deposits = await asB().get(`/api/v1/deposits?accountId=${accountId}`).set(b.auth);
    expect(JSON.stringify(deposits.body)).not.toContain(tid);

    // Nothing of A's changed.
    const mine = await request(gateway.url).get(`/api/v1/accounts/${accountId}`).set(a.auth).expect(200);
    expect(mine.body).toMatchObject({ memo: null });
    await request(gateway.url).get(`/api/v1/deposits/${tid}`).set(a.auth).expect(200);
    expect(receiver.calls).toHaveLength(1);
  });

  it('should answer 401 to a key once the operator revoked it', async () => {
    const issued = await request(gateway.url)
      .post(`/api/v1/admin/merchants/${a.id}/api-keys`)
      .set(admin)
      .expect(201);
    const { id: keyId, apiKey } = issued.body as { id: string; apiKey: string };
    const auth = { Authorization: `Bearer ${apiKey}` };
    await request(gateway.url).get(`/api/v1/accounts/${accountId}`).set(auth).expect(200);
    await request(gateway.url)
      .delete(`/api/v1/admin/merchants/${a.id}/api-keys/${keyId}`)
      .set(admin)
      .expect(204);
    await request(gateway.url).get(`/api/v1/accounts/${accountId}`).set(auth).expect(401);
    await request(gateway.url)
      .get(`/api/v1/accounts/${accountId}/verification-messages`)
      .set(auth)
      .expect(401);
    await request(gateway.url).get(`/api/v1/deposits/${tid}`).set(auth).expect(401);
  });
});
