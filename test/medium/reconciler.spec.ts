import { getQueueToken } from '@nestjs/bull';
import { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { AccountService } from 'src/accounts/account.service';
import { CallbackDeliveryService } from 'src/callbacks/callback-delivery.service';
import { CALLBACK_QUEUE, DELIVER_JOB, DeliverJobData, deliverJobId } from 'src/callbacks/callback.queue';
import { CallbackProcessor } from 'src/callbacks/callback.processor';
import { MerchantService } from 'src/merchants/merchant.service';
import { insertSim } from 'test/medium/allocation-fixtures';
import { insertDueDeposit } from 'test/medium/delivery-fixtures';
import { MerchantReceiver } from 'test/utils/merchant-receiver';
import { createTestDatabase, startTestGateway, TestGateway, waitFor } from 'test/utils/test-gateway';

/**
 * The reconciler and the attempt guard against real PostgreSQL and Redis: PostgreSQL says what is
 * due, Redis may have lost it, kept a dead job for it, or run it twice.
 */
describe('CallbackProcessor.reconcile and the attempt guard', () => {
  let database: { url: string; drop: () => Promise<void> };
  let gateway: TestGateway;
  let receiver: MerchantReceiver;
  let dataSource: DataSource;
  let queue: Queue<DeliverJobData>;
  let processor: CallbackProcessor;
  let merchantId: string;
  let accountId: string;

  const dueDeposit = () => insertDueDeposit(dataSource, merchantId, accountId);

  const statusOf = async (id: string) =>
    (
      await dataSource.query<{ status: string; attempts: number }[]>(
        'SELECT status, attempts FROM deposits WHERE id = $1',
        [id],
      )
    )[0];

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await MerchantReceiver.start();
    // A long interval: these tests call reconcile() themselves.
    gateway = await startTestGateway({
      databaseUrl: database.url,
      env: { CALLBACK_RECONCILE_INTERVAL_MS: '3600000', CALLBACK_RETRY_DELAY_MS: '3600000' },
    });
    dataSource = gateway.app.get(DataSource);
    queue = gateway.app.get<Queue<DeliverJobData>>(getQueueToken(CALLBACK_QUEUE));
    processor = gateway.app.get(CallbackProcessor);
    await insertSim(dataSource, { capacity: 100 });
    merchantId = (await gateway.app.get(MerchantService).create({ name: 'reconciler' })).id;
    accountId = (
      await gateway.app.get(AccountService).create(merchantId, {
        bankCode: '004',
        accountNumber: '12345678901789',
        callbackUrl: receiver.url,
        charset: 'UTF-8',
      })
    ).id;
  }, 30_000);

  afterAll(async () => {
    await gateway?.close();
    await receiver?.close();
    await database?.drop();
  });

  beforeEach(() => {
    receiver.calls.length = 0;
    receiver.respond({ status: 200, body: 'OK' });
  });

  it('should enqueue a due attempt that has no job (a crash between commit and enqueue)', async () => {
    const id = await dueDeposit();
    expect(await processor.reconcile()).toBe(1);
    await waitFor(async () => (await statusOf(id)).status === 'success', 10_000, 'delivered');
    expect(receiver.calls).toHaveLength(1);
  });

  it('should replace a job that failed for good instead of counting it as scheduled', async () => {
    const id = await dueDeposit();
    // What Bull keeps after a run threw through every retry (the database was down): a failed job
    // under the attempt's id. Here the run throws because its payload names no valid deposit id.
    const job = await queue.add(
      DELIVER_JOB,
      { depositId: 'unreadable', attempt: 1 },
      { jobId: deliverJobId(id, 1), attempts: 1 },
    );
    await waitFor(async () => (await job.getState()) === 'failed', 10_000, 'the job failed');
    expect(receiver.calls).toHaveLength(0);

    expect(await processor.reconcile()).toBe(1);
    await waitFor(async () => (await statusOf(id)).status === 'success', 10_000, 'delivered');
    expect(receiver.calls).toHaveLength(1);
  });

  it('should leave a due attempt alone while its job is live', async () => {
    const id = await dueDeposit();
    await queue.add(
      DELIVER_JOB,
      { depositId: id, attempt: 1 },
      { jobId: deliverJobId(id, 1), delay: 3_600_000 },
    );
    expect(await processor.reconcile()).toBe(0);
    expect(receiver.calls).toHaveLength(0);
    await (await queue.getJob(deliverJobId(id, 1)))?.remove();
    await dataSource.query(
      "UPDATE deposits SET status = 'no_response', next_attempt_at = NULL WHERE id = $1",
      [id],
    );
  });

  it('should advance a schedule once when the same attempt runs twice, and log the one call made', async () => {
    const id = await dueDeposit();
    receiver.respond({ status: 500, body: 'down' });
    const delivery = gateway.app.get(CallbackDeliveryService);
    await delivery.deliverScheduled(id, 1);
    await delivery.deliverScheduled(id, 1); // a duplicate job: the deposit waits for attempt 2 now
    expect(receiver.calls).toHaveLength(1);
    expect(await statusOf(id)).toEqual({ status: 'sending', attempts: 1 });
    const rows = await dataSource.query<{ attempt: number }[]>(
      'SELECT attempt FROM callback_attempts WHERE deposit_id = $1',
      [id],
    );
    expect(rows).toEqual([{ attempt: 1 }]);
  });
});
