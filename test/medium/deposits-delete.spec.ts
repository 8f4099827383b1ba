import request from 'supertest';
import { CallbackDeliveryService } from 'src/callbacks/callback-delivery.service';
import { CallbackProcessor } from 'src/callbacks/callback.processor';
import { Page } from 'src/common/pagination';
import { DepositView } from 'src/deposits/deposit.service';
import { DailyStats } from 'src/stats/stats.service';
import { createAccount } from 'test/factories/account.factory';
import { createDeposit, DepositSeed } from 'test/factories/deposit.factory';
import { createMerchant, TestMerchant } from 'test/factories/merchant.factory';
import { ReportingGateway, startReportingGateway } from 'test/factories/reporting.factory';
import { MerchantReceiver } from 'test/utils/merchant-receiver';

/** Soft delete: gone from list, statistics, export and feed; kept in the table; no more callbacks. */
describe('deposit delete', () => {
  let world: ReportingGateway;
  let receiver: MerchantReceiver;
  let shop: TestMerchant;
  let other: TestMerchant;
  let account: string;
  let otherAccount: string;
  const JULY_4 = new Date('2026-07-04T03:00:00Z');

  const seed = (overrides: Partial<DepositSeed> = {}) =>
    createDeposit(world.dataSource, {
      merchantId: shop.id,
      accountId: account,
      depositedAt: JULY_4,
      amount: 10_000,
      ...overrides,
    });
  const tids = async () =>
    (await world.get<Page<DepositView>>('/api/v1/deposits?pageSize=100', shop.auth)).items.map((d) => d.tid);

  beforeAll(async () => {
    world = await startReportingGateway();
    receiver = await MerchantReceiver.start();
    shop = await createMerchant(world.gateway.app);
    other = await createMerchant(world.gateway.app, '옆가게');
    account = (await createAccount(world.dataSource, { merchantId: shop.id, callbackUrl: receiver.url })).id;
    otherAccount = (await createAccount(world.dataSource, { merchantId: other.id })).id;
  }, 30_000);

  afterAll(async () => {
    await world?.close();
    await receiver?.close();
  });

  beforeEach(async () => {
    receiver.calls.length = 0;
    await world.dataSource.query(
      'TRUNCATE deposits, callback_attempts, inbound_sms RESTART IDENTITY CASCADE',
    );
  });

  it('should take a deposit out of list, detail, statistics, export and feed, and keep the row', async () => {
    const kept = await seed({ amount: 1_000 });
    const gone = await seed({ amount: 20_000 });
    await request(world.gateway.url).delete(`/api/v1/deposits/${gone.tid}`).set(shop.auth).expect(204);

    expect(await tids()).toEqual([kept.tid]);
    await world.get(`/api/v1/deposits/${gone.tid}`, shop.auth, 404);
    await world.get(`/api/v1/deposits/${gone.tid}/attempts`, shop.auth, 404);
    const stats = await world.get<DailyStats>('/api/v1/stats/daily?month=2026-07', shop.auth);
    expect(stats).toMatchObject({ totalCount: 1, totalAmount: 1_000 });
    const csv = await request(world.gateway.url)
      .get('/api/v1/deposits/export.csv')
      .set(shop.auth)
      .expect(200);
    expect(csv.text).toContain(kept.tid);
    expect(csv.text).not.toContain(gone.tid);
    const feed = await world.get<{ items: DepositView[] }>('/api/v1/deposits?since=0', shop.auth);
    expect(feed.items.map((d) => d.tid)).not.toContain(gone.tid);
    await request(world.gateway.url).post(`/api/v1/deposits/${gone.tid}/resend`).set(shop.auth).expect(404);

    // Kept for audit: the row is there, marked.
    const [row] = await world.dataSource.query<{ deleted_at: Date | null }[]>(
      'SELECT deleted_at FROM deposits WHERE tid = $1',
      [gone.tid],
    );
    expect(row.deleted_at).toBeInstanceOf(Date);
    // Deleting again: it is already gone.
    await request(world.gateway.url).delete(`/api/v1/deposits/${gone.tid}`).set(shop.auth).expect(404);
  });

  it('should bulk delete its own deposits and report the tids it did not find', async () => {
    const [a, b, c] = [await seed(), await seed(), await seed()];
    const theirs = await createDeposit(world.dataSource, { merchantId: other.id, accountId: otherAccount });
    const response = await request(world.gateway.url)
      .post('/api/v1/deposits/delete')
      .set(shop.auth)
      .send({ tids: [a.tid, b.tid, theirs.tid, '999999999999999', a.tid] })
      .expect(200);
    expect(response.body).toEqual({ deleted: [a.tid, b.tid], notFound: [theirs.tid, '999999999999999'] });
    expect(await tids()).toEqual([c.tid]);
    // Another merchant's deposit is untouched.
    expect((await world.get<Page<DepositView>>('/api/v1/deposits', other.auth)).total).toBe(1);
    await request(world.gateway.url)
      .post('/api/v1/deposits/delete')
      .set(shop.auth)
      .send({ tids: [] })
      .expect(400);
    const bad = await request(world.gateway.url)
      .post('/api/v1/deposits/delete')
      .set(shop.auth)
      .send({ tids: ['12'] })
      .expect(400);
    expect((bad.body as { message: string }).message).toMatch(/tids/);
  });

  it('should not deliver a due callback of a deleted deposit, neither from its job nor the reconciler', async () => {
    receiver.respond({ status: 500, body: 'down' });
    const due = await seed({ status: 'sending', attempts: 1, nextAttemptAt: new Date(Date.now() - 1000) });
    const [{ id }] = await world.dataSource.query<{ id: string }[]>(
      'SELECT id FROM deposits WHERE tid = $1',
      [due.tid],
    );
    await request(world.gateway.url).delete(`/api/v1/deposits/${due.tid}`).set(shop.auth).expect(204);

    await world.gateway.app.get(CallbackDeliveryService).deliverScheduled(id, 2);
    expect(await world.gateway.app.get(CallbackProcessor).reconcile()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.calls).toHaveLength(0);
    const [row] = await world.dataSource.query<{ attempts: number; next_attempt_at: Date | null }[]>(
      'SELECT attempts, next_attempt_at FROM deposits WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ attempts: 1, next_attempt_at: null });
  });

  it('should deliver the same due callback when it is not deleted (the check above can fail)', async () => {
    const due = await seed({ status: 'sending', attempts: 1, nextAttemptAt: new Date(Date.now() - 1000) });
    const [{ id }] = await world.dataSource.query<{ id: string }[]>(
      'SELECT id FROM deposits WHERE tid = $1',
      [due.tid],
    );
    await world.gateway.app.get(CallbackDeliveryService).deliverScheduled(id, 2);
    expect(receiver.calls).toHaveLength(1);
  });
});
