import request from 'supertest';
import { Simulator } from 'hardware/simulator/simulator';
import { CallbackProcessor } from 'src/callbacks/callback.processor';
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
 * Deleting a deposit whose merchant keeps failing stops its callbacks, end to end: simulated modem,
 * real PostgreSQL and Redis, a merchant endpoint on loopback that answers 500 to everything.
 */
describe('deleting deposits stops their pending callbacks', () => {
  const RETRY_DELAY_MS = 200;
  let simulator: Simulator;
  let receiver: MerchantReceiver;
  let gateway: TestGateway;
  let database: { url: string; drop: () => Promise<void> };
  let auth: { Authorization: string };
  let modemId: string;
  let sequence = 0;

  const tidsCalled = () =>
    new Set(receiver.calls.map((call) => decodeCallbackQuery(call.rawUrl, 'UTF-8').tid));
  const callsFor = (tid: string) =>
    receiver.calls.filter((call) => decodeCallbackQuery(call.rawUrl, 'UTF-8').tid === tid).length;
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** A KB deposit SMS; resolves with its tid once the merchant has been called twice for it. */
  async function failingDeposit(): Promise<string> {
    sequence += 1;
    const amount = (20_000 + sequence).toLocaleString('en-US');
    const before = tidsCalled();
    await simulator.injectSms(modemId, {
      sender: '16449999',
      text: `[Web발신]\n[KB]07/04 15:24\n123456**789\n삭제테스트${sequence}\n입금\n${amount}\n잔액1,000,000`,
    });
    const tid = await waitFor(
      () => Promise.resolve([...tidsCalled()].find((called) => !before.has(called) && callsFor(called) >= 2)),
      15_000,
      'two failed calls for the new deposit',
    );
    return tid;
  }

  /** No call for these tids beyond at most one already in flight, over many retry periods. */
  async function expectNoMoreCalls(tids: string[]): Promise<void> {
    const atDelete = tids.map(callsFor);
    await pause(RETRY_DELAY_MS * 8);
    const settled = tids.map(callsFor);
    settled.forEach((count, i) => expect(count).toBeLessThanOrEqual(atDelete[i] + 1));
    await pause(RETRY_DELAY_MS * 8);
    expect(tids.map(callsFor)).toEqual(settled);
    expect(await gateway.app.get(CallbackProcessor).reconcile()).toBe(0);
    await pause(RETRY_DELAY_MS * 2);
    expect(tids.map(callsFor)).toEqual(settled);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    simulator = await Simulator.start({ modems: 1, phoneNumbers: ['+821055580001'] });
    receiver = await MerchantReceiver.start();
    receiver.respond({ status: 500, body: 'down' });
    gateway = await startTestGateway({
      databaseUrl: database.url,
      env: {
        MODEMS: simulator.modems[0].path,
        CALLBACK_MAX_ATTEMPTS: '100',
        CALLBACK_RETRY_DELAY_MS: String(RETRY_DELAY_MS),
        CALLBACK_TIMEOUT_MS: '2000',
      },
    });
    const admin = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    await waitFor(
      async () => {
        const sims = (await request(gateway.url).get('/api/v1/admin/sims').set(admin).expect(200)).body as {
          phoneNumber: string | null;
        }[];
        return sims.length === 1 && sims[0].phoneNumber !== null;
      },
      20_000,
      'the SIM with its number',
    );
    const merchant = await request(gateway.url)
      .post('/api/v1/admin/merchants')
      .set(admin)
      .send({ name: '삭제상점' })
      .expect(201);
    auth = { Authorization: `Bearer ${(merchant.body as { apiKey: string }).apiKey}` };
    await request(gateway.url)
      .post('/api/v1/accounts')
      .set(auth)
      .send({
        bankCode: '004',
        accountNumber: '123456-78-900789',
        callbackUrl: receiver.url,
        charset: 'UTF-8',
      })
      .expect(201);
    modemId = simulator.modems[0].id;
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
    await simulator?.close();
    await receiver?.close();
    await database?.drop();
  });

  it('should stop retrying a deleted deposit and take it out of list and detail', async () => {
    const tid = await failingDeposit();
    const live = await request(gateway.url).get(`/api/v1/deposits/${tid}`).set(auth).expect(200);
    expect(live.body).toMatchObject({ status: 'sending' });
    await request(gateway.url).delete(`/api/v1/deposits/${tid}`).set(auth).expect(204);
    await expectNoMoreCalls([tid]);
    await request(gateway.url).get(`/api/v1/deposits/${tid}`).set(auth).expect(404);
    const list = await request(gateway.url).get(`/api/v1/deposits?tid=${tid}`).set(auth).expect(200);
    expect(list.body).toMatchObject({ total: 0, items: [] });
  });

  it('should stop every deposit of a bulk delete and keep calling the one left', async () => {
    const [first, second, kept] = [await failingDeposit(), await failingDeposit(), await failingDeposit()];
    const response = await request(gateway.url)
      .post('/api/v1/deposits/delete')
      .set(auth)
      .send({ tids: [first, second] })
      .expect(200);
    expect(response.body).toEqual({ deleted: [first, second], notFound: [] });
    const keptBefore = callsFor(kept);
    await expectNoMoreCalls([first, second]);
    // The control: a deposit that was not deleted is still retried.
    expect(callsFor(kept)).toBeGreaterThan(keptBefore + 2);
    const listed = await request(gateway.url).get('/api/v1/deposits?pageSize=100').set(auth).expect(200);
    expect((listed.body as { items: { tid: string }[] }).items.map((item) => item.tid)).toEqual([kept]);
  });
});
