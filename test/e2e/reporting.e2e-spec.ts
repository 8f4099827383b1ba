import request from 'supertest';
import { CallbackProcessor } from 'src/callbacks/callback.processor';
import { CallbackHarness } from 'test/utils/callback-harness';
import { decodeCallbackQuery } from 'test/utils/callback-query';
import { waitFor } from 'test/utils/test-gateway';

/**
 * Deleting a deposit whose merchant keeps failing stops its callbacks, end to end: simulated modem,
 * real PostgreSQL and Redis, a merchant endpoint on loopback that answers 500 to everything.
 */
describe('deleting deposits stops their pending callbacks', () => {
  const RETRY_DELAY_MS = 200;
  let h: CallbackHarness;

  const tidsCalled = () =>
    new Set(h.receiver.calls.map((call) => decodeCallbackQuery(call.rawUrl, 'UTF-8').tid));
  const callsFor = (tid: string) =>
    h.receiver.calls.filter((call) => decodeCallbackQuery(call.rawUrl, 'UTF-8').tid === tid).length;
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** A KB deposit SMS; resolves with its tid once the merchant has been called twice for it. */
  async function failingDeposit(): Promise<string> {
    const before = tidsCalled();
    await h.injectDeposit('삭제테스트');
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
    expect(await h.app.get(CallbackProcessor).reconcile()).toBe(0);
    await pause(RETRY_DELAY_MS * 2);
    expect(tids.map(callsFor)).toEqual(settled);
  }

  beforeAll(async () => {
    h = await CallbackHarness.start({
      env: { CALLBACK_MAX_ATTEMPTS: '100', CALLBACK_RETRY_DELAY_MS: String(RETRY_DELAY_MS) },
    });
    h.receiver.respond({ status: 500, body: 'down' });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('should stop retrying a deleted deposit and take it out of list and detail', async () => {
    const tid = await failingDeposit();
    const live = await request(h.gateway.url).get(`/api/v1/deposits/${tid}`).set(h.merchant()).expect(200);
    expect(live.body).toMatchObject({ status: 'sending' });
    await request(h.gateway.url).delete(`/api/v1/deposits/${tid}`).set(h.merchant()).expect(204);
    await expectNoMoreCalls([tid]);
    await request(h.gateway.url).get(`/api/v1/deposits/${tid}`).set(h.merchant()).expect(404);
    const list = await request(h.gateway.url)
      .get(`/api/v1/deposits?tid=${tid}`)
      .set(h.merchant())
      .expect(200);
    expect(list.body).toMatchObject({ total: 0, items: [] });
  });

  it('should stop every deposit of a bulk delete and keep calling the one left', async () => {
    const [first, second, kept] = [await failingDeposit(), await failingDeposit(), await failingDeposit()];
    const response = await request(h.gateway.url)
      .post('/api/v1/deposits/delete')
      .set(h.merchant())
      .send({ tids: [first, second] })
      .expect(200);
    expect(response.body).toEqual({ deleted: [first, second], notFound: [] });
    const keptBefore = callsFor(kept);
    await expectNoMoreCalls([first, second]);
    // The control: a deposit that was not deleted is still retried.
    expect(callsFor(kept)).toBeGreaterThan(keptBefore + 2);
    expect((await h.deposits()).map((item) => item.tid)).toEqual([kept]);
  });
});
