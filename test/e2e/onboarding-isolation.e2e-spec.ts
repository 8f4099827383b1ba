import request from 'supertest';
import { CallbackHarness, KB_SENDER, kbDepositText, MerchantCredentials } from 'test/utils/callback-harness';
import { decodeCallbackQuery } from 'test/utils/callback-query';
import { waitFor } from 'test/utils/test-gateway';

/**
 * A merchant's onboarding on a simulated modem (register -> 입금통지번호 -> the bank's verification
 * SMS read from the gateway -> first deposit called back), then tenant isolation: another merchant
 * gets 404 for every one of those ids, and a revoked key gets 401.
 */
describe('onboarding and isolation', () => {
  let h: CallbackHarness;
  let b: MerchantCredentials;
  let accountId: string;
  let tid: string;

  beforeAll(async () => {
    h = await CallbackHarness.start({
      phoneNumbers: ['+821055509001'],
      account: false,
      env: { CALLBACK_RETRY_DELAY_MS: '200' },
    });
    b = await h.addMerchant('옆가게');
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('should give a new account its 입금통지번호 and show the bank verification code sent to it', async () => {
    const account = await h.addAccount('654321-00-111789');
    accountId = account.id;
    expect(account.notificationNumber).toBe('010-5550-9001');

    // The merchant subscribes KB's SMS alert to that number; KB texts a code to it.
    await h.simulator.injectSms(account.modemId, {
      sender: KB_SENDER,
      text: '[Web발신]\n[KB국민은행] 인증번호 [482913]를 입력해 주세요.',
    });
    const messages = await waitFor(async () => {
      const response = await request(h.gateway.url)
        .get(`/api/v1/accounts/${accountId}/verification-messages`)
        .set(h.merchant())
        .expect(200);
      const body = response.body as { code: string; sender: string; text: string }[];
      return body.length > 0 ? body : null;
    });
    expect(messages[0]).toMatchObject({ code: '482913', sender: '16449999', kind: 'verification' });
  });

  it("should call the merchant back for the account's first deposit", async () => {
    await h.simulator.injectSms(h.simulator.modems[0].id, {
      sender: KB_SENDER,
      text: kbDepositText('홍길동', 30_000, 30_000, '654321**789'),
    });
    await h.receiver.waitForCalls(1);
    const params = decodeCallbackQuery(h.receiver.calls[0].rawUrl, 'UTF-8');
    expect(params).toMatchObject({ account: '65432100111789', price: '30000', uid: h.merchantId });
    tid = params.tid;
  });

  it("should answer 404 to another merchant for everything of this merchant's", async () => {
    const asB = () => request(h.gateway.url);
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
    const mine = await request(h.gateway.url)
      .get(`/api/v1/accounts/${accountId}`)
      .set(h.merchant())
      .expect(200);
    expect(mine.body).toMatchObject({ memo: null });
    await request(h.gateway.url).get(`/api/v1/deposits/${tid}`).set(h.merchant()).expect(200);
    expect(h.receiver.calls).toHaveLength(1);
  });

  it('should answer 401 to a key once the operator revoked it', async () => {
    const issued = await request(h.gateway.url)
      .post(`/api/v1/admin/merchants/${h.merchantId}/api-keys`)
      .set(h.admin())
      .expect(201);
    const { id: keyId, apiKey } = issued.body as { id: string; apiKey: string };
    const auth = { Authorization: `Bearer ${apiKey}` };
    await request(h.gateway.url).get(`/api/v1/accounts/${accountId}`).set(auth).expect(200);
    await request(h.gateway.url)
      .delete(`/api/v1/admin/merchants/${h.merchantId}/api-keys/${keyId}`)
      .set(h.admin())
      .expect(204);
    await request(h.gateway.url).get(`/api/v1/accounts/${accountId}`).set(auth).expect(401);
    await request(h.gateway.url)
      .get(`/api/v1/accounts/${accountId}/verification-messages`)
      .set(auth)
      .expect(401);
    await request(h.gateway.url).get(`/api/v1/deposits/${tid}`).set(auth).expect(401);
  });
});
