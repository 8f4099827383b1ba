import { DataSource } from 'typeorm';
import { AccountService } from 'src/accounts/account.service';
import { CallbackScheduler } from 'src/callbacks/callback.scheduler';
import { MerchantService } from 'src/merchants/merchant.service';
import { insertSim } from 'test/medium/allocation-fixtures';
import { insertDueDeposit } from 'test/medium/delivery-fixtures';
import { MerchantReceiver } from 'test/utils/merchant-receiver';
import { createTestDatabase, startTestGateway, TestGateway, waitFor } from 'test/utils/test-gateway';

/**
 * One slow merchant must not starve the others: with 4 workers a host may hold 1, so a merchant
 * whose endpoint hangs cannot take the workers another merchant's deposit needs.
 */
describe('per-merchant-host limit', () => {
  let database: { url: string; drop: () => Promise<void> };
  let gateway: TestGateway;
  let slow: MerchantReceiver;
  let fast: MerchantReceiver;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    slow = await MerchantReceiver.start();
    fast = await MerchantReceiver.start();
    slow.respond('hang');
    gateway = await startTestGateway({
      databaseUrl: database.url,
      env: { CALLBACK_CONCURRENCY: '4', CALLBACK_TIMEOUT_MS: '3000', CALLBACK_RETRY_DELAY_MS: '3600000' },
    });
    dataSource = gateway.app.get(DataSource);
    // Two merchants' accounts of one bank need two notification numbers.
    await insertSim(dataSource, { capacity: 100 });
    await insertSim(dataSource, { capacity: 100 });
  }, 30_000);

  afterAll(async () => {
    await gateway?.close();
    await slow?.close();
    await fast?.close();
    await database?.drop();
  });

  it("should deliver a fast merchant's deposit while a hanging merchant's deposits wait their turn", async () => {
    const accounts = gateway.app.get(AccountService);
    const merchants = gateway.app.get(MerchantService);
    const slowMerchant = await merchants.create({ name: 'slow' });
    const fastMerchant = await merchants.create({ name: 'fast' });
    const slowAccount = await accounts.create(slowMerchant.id, {
      bankCode: '004',
      accountNumber: '11111111111789',
      callbackUrl: slow.url,
      charset: 'UTF-8',
    });
    const fastAccount = await accounts.create(fastMerchant.id, {
      bankCode: '004',
      accountNumber: '22222222222789',
      callbackUrl: fast.url,
      charset: 'UTF-8',
    });
    const scheduler = gateway.app.get(CallbackScheduler);
    for (let i = 0; i < 8; i++) {
      await scheduler.schedule(await insertDueDeposit(dataSource, slowMerchant.id, slowAccount.id), 1, 0);
    }
    const fastDeposit = await insertDueDeposit(dataSource, fastMerchant.id, fastAccount.id);
    await scheduler.schedule(fastDeposit, 1, 0);

    await fast.waitForCalls(1, 2500);
    // The fast merchant was served while the slow one's first call still hangs: no slow attempt is
    // recorded yet, and only one slow call is open at a time.
    const recorded = await dataSource.query<{ n: string }[]>(
      'SELECT count(*) AS n FROM callback_attempts a JOIN deposits d ON d.id = a.deposit_id WHERE d.account_id = $1',
      [slowAccount.id],
    );
    expect(Number(recorded[0].n)).toBe(0);
    expect(slow.calls).toHaveLength(1);
    await waitFor(
      async () =>
        (
          await dataSource.query<{ status: string }[]>('SELECT status FROM deposits WHERE id = $1', [
            fastDeposit,
          ])
        )[0].status === 'success',
      5000,
      'the fast deposit recorded as success',
    );
  }, 20_000);
});
