import { Client } from 'pg';
import { DeliveryRepository } from 'src/callbacks/callback-attempt.repository';
import { Page } from 'src/common/pagination';
import { DepositRepository } from 'src/deposits/deposit.repository';
import { DepositService, DepositView } from 'src/deposits/deposit.service';
import { createAccount } from 'test/factories/account.factory';
import { createDeposit, DepositSeed, SeededDeposit } from 'test/factories/deposit.factory';
import { createMerchant, TestMerchant } from 'test/factories/merchant.factory';
import { ReportingGateway, startReportingGateway } from 'test/factories/reporting.factory';

interface TotalRow {
  merchant_id: string;
  day: string;
  account_id: string;
  bank_code: string;
  status: string;
  verdict: string;
  deposits: string;
  amount: string;
}

const KEY = 'merchant_id, day, account_id, bank_code, status, verdict';

/**
 * `deposit_daily_totals` (migration DepositDailyTotals) is kept by triggers and serves list totals:
 * it must equal a GROUP BY over the live rows after every kind of write the application makes.
 */
describe('deposit daily totals', () => {
  let world: ReportingGateway;
  let shop: TestMerchant;
  let kb: string;
  let shinhan: string;

  const seed = (overrides: Partial<DepositSeed> = {}) =>
    createDeposit(world.dataSource, { merchantId: shop.id, accountId: kb, ...overrides });

  /** The maintained totals with their pending changes (zeros dropped) and the same from the rows. */
  async function bothTotals(): Promise<{ kept: TotalRow[]; raw: TotalRow[] }> {
    const kept = await world.dataSource.query<TotalRow[]>(
      `SELECT ${KEY}, sum(deposits)::text AS deposits, sum(amount)::text AS amount
         FROM (SELECT ${KEY}, deposits, amount FROM deposit_daily_totals
               UNION ALL SELECT ${KEY}, deposits, amount FROM deposit_daily_total_changes) kept
        GROUP BY ${KEY} HAVING sum(deposits) <> 0 OR sum(amount) <> 0 ORDER BY ${KEY}`,
    );
    const raw = await world.dataSource.query<TotalRow[]>(
      `SELECT merchant_id, ((deposited_at AT TIME ZONE 'UTC') + interval '9 hours')::date AS day,
              account_id, bank_code, status, verdict, count(*)::text AS deposits, sum(amount)::text AS amount
         FROM deposits WHERE deleted_at IS NULL
        GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY ${KEY}`,
    );
    return { kept, raw };
  }

  /** Equal before and after the pending changes are compacted into the totals. */
  async function expectEqualToRows(): Promise<void> {
    const before = await bothTotals();
    expect(before.kept).toEqual(before.raw);
    await world.gateway.app.get(DepositRepository).compactDailyTotals();
    const after = await bothTotals();
    expect(after.kept).toEqual(after.raw);
    const pending = await world.dataSource.query<{ n: string }[]>(
      'SELECT count(*) AS n FROM deposit_daily_total_changes',
    );
    expect(pending).toEqual([{ n: '0' }]);
  }

  const total = async (query: string) =>
    (await world.get<Page<DepositView>>(`/api/v1/deposits?${query}`, shop.auth)).total;

  beforeAll(async () => {
    world = await startReportingGateway();
    shop = await createMerchant(world.gateway.app, '합계가게');
    kb = (await createAccount(world.dataSource, { merchantId: shop.id, bankCode: '004' })).id;
    shinhan = (await createAccount(world.dataSource, { merchantId: shop.id, bankCode: '088' })).id;
  }, 30_000);

  afterAll(async () => {
    await world?.close();
  });

  beforeEach(async () => {
    await world.dataSource.query(
      'TRUNCATE deposits, callback_attempts, inbound_sms RESTART IDENTITY CASCADE',
    );
  });

  it('should be emptied with the deposits by TRUNCATE', async () => {
    await seed();
    await world.dataSource.query('TRUNCATE deposits, callback_attempts, inbound_sms CASCADE');
    expect(await world.dataSource.query('SELECT * FROM deposit_daily_totals')).toEqual([]);
  });

  it('should count inserts on their KST day, across UTC midnight and the KST day boundary', async () => {
    await seed({ depositedAt: new Date('2026-07-03T14:59:59.999Z'), amount: 1_000 }); // 07-03 KST
    await seed({ depositedAt: new Date('2026-07-03T15:00:00Z'), amount: 2_000 }); // 07-04 00:00 KST
    await seed({ depositedAt: new Date('2026-07-04T00:00:00Z'), amount: 3_000 }); // 07-04 09:00 KST
    await seed({ accountId: shinhan, bankCode: '088', depositedAt: new Date('2026-07-04T01:00:00Z') });
    await seed({ verdict: 'suspicious', depositedAt: new Date('2026-07-04T02:00:00Z') });
    await seed({ status: 'sending', depositedAt: new Date('2026-07-04T03:00:00Z') });
    await expectEqualToRows();
    const days = await world.dataSource.query<{ day: string; deposits: string }[]>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(deposits)::text AS deposits
         FROM deposit_daily_totals GROUP BY day ORDER BY day`,
    );
    expect(days).toEqual([
      { day: '2026-07-03', deposits: '1' },
      { day: '2026-07-04', deposits: '5' },
    ]);
    expect(await total('from=2026-07-04&to=2026-07-04')).toBe(5);
    expect(await total('from=2026-07-04&to=2026-07-04&accountId=' + shinhan)).toBe(1);
    expect(await total('verdict=suspicious')).toBe(1);
    expect(await total('status=sending&bankCode=004')).toBe(1);
  });

  it('should move a deposit between statuses as the callback stage changes them', async () => {
    const deliveries = world.gateway.app.get(DeliveryRepository);
    const pending: SeededDeposit[] = [];
    for (let i = 0; i < 4; i += 1) {
      pending.push(
        await seed({ status: 'sending', attempts: 0, nextAttemptAt: new Date(), amount: 1_000 * (i + 1) }),
      );
    }
    const attempt = (depositId: string, success: boolean) => ({
      depositId,
      attempt: 1,
      manual: false,
      requestedAt: new Date(),
      success,
      statusCode: success ? 200 : 500,
      latencyMs: 5,
      responseSnippet: null,
      error: null,
    });
    const delivered = {
      status: 'success' as const,
      attempts: 1,
      nextAttemptAt: null,
      deliveredAt: new Date(),
    };
    const retry = { status: 'sending' as const, attempts: 1, nextAttemptAt: new Date(), deliveredAt: null };
    const gaveUp = { status: 'no_response' as const, attempts: 1, nextAttemptAt: null, deliveredAt: null };
    expect(await deliveries.recordScheduledAttempt(attempt(pending[0].id, true), delivered)).toBe(true);
    expect(await deliveries.recordScheduledAttempt(attempt(pending[1].id, false), retry)).toBe(true);
    expect(await deliveries.recordScheduledAttempt(attempt(pending[2].id, false), gaveUp)).toBe(true);
    // A duplicate job moves nothing, so it must count nothing either.
    expect(await deliveries.recordScheduledAttempt(attempt(pending[0].id, true), delivered)).toBe(false);
    await deliveries.recordManualAttempt({ ...attempt(pending[2].id, true), attempt: null, manual: true });
    await expectEqualToRows();
    expect(await total('status=sending')).toBe(2);
    expect(await total('status=success')).toBe(2);
    expect(await total('status=no_response')).toBe(0);
  });

  it('should follow verdict and amount changes, soft deletes and hard deletes', async () => {
    const rows = [await seed({ amount: 5_000 }), await seed({ amount: 7_000 }), await seed(), await seed()];
    await world.dataSource.query(`UPDATE deposits SET verdict = 'suspicious' WHERE id = $1`, [rows[0].id]);
    await world.dataSource.query(`UPDATE deposits SET amount = 9000 WHERE id = $1`, [rows[1].id]);
    const service = world.gateway.app.get(DepositService);
    await service.delete(shop.id, rows[2].tid);
    expect(await service.deleteMany(shop.id, [rows[2].tid, rows[3].tid])).toEqual({
      deleted: [rows[3].tid],
      notFound: [rows[2].tid],
    });
    await expectEqualToRows();
    // Undeleting (an operator's fix in SQL) counts it again; deleting a row for good uncounts it.
    await world.dataSource.query(`UPDATE deposits SET deleted_at = NULL WHERE id = $1`, [rows[2].id]);
    await world.dataSource.query(`DELETE FROM deposits WHERE id = $1`, [rows[1].id]);
    await world.dataSource.query(`DELETE FROM deposits WHERE id = $1`, [rows[3].id]);
    await expectEqualToRows();
    expect(await total('')).toBe(2);
    expect(await total('verdict=suspicious')).toBe(1);
  });

  it('should stay exact under concurrent inserts into the same total', async () => {
    const writers = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const client = new Client({ connectionString: world.gateway.config.databaseUrl });
        await client.connect();
        return client;
      }),
    );
    try {
      const at = new Date('2026-07-04T03:00:00Z');
      await Promise.all(
        writers.map(async (client, writer) => {
          await client.query('BEGIN');
          for (let i = 0; i < 10; i += 1) {
            await createDeposit(
              world.dataSource,
              { merchantId: shop.id, accountId: kb, depositedAt: at, amount: 100 * (writer + 1) },
              async <T>(sql: string, parameters: unknown[]) =>
                (await client.query(sql, parameters)).rows as T[],
            );
          }
          // One writer rolls back: its rows must not be counted.
          await client.query(writer === 0 ? 'ROLLBACK' : 'COMMIT');
        }),
      );
    } finally {
      await Promise.all(writers.map((client) => client.end()));
    }
    await expectEqualToRows();
    expect(await total('from=2026-07-04&to=2026-07-04')).toBe(50);
  });

  it('should not make a deposit wait for an open transaction counting into the same total', async () => {
    const client = new Client({ connectionString: world.gateway.config.databaseUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      await createDeposit(
        world.dataSource,
        { merchantId: shop.id, accountId: kb, amount: 1_000 },
        async <T>(sql: string, parameters: unknown[]) => (await client.query(sql, parameters)).rows as T[],
      );
      await seed({ amount: 2_000 });
      // Compaction takes only committed changes; the open one stays pending and is counted on commit.
      await world.gateway.app.get(DepositRepository).compactDailyTotals();
      expect(await total('')).toBe(1);
      await client.query('COMMIT');
      expect(await total('')).toBe(2);
    } finally {
      await client.end();
    }
    await expectEqualToRows();
  });

  it('should give the same 1–2 character name totals as the rows, with and without other filters', async () => {
    await seed({ depositorName: '김 민준', status: 'sending' });
    await seed({ depositorName: '김민준' });
    await seed({ depositorName: 'Kim Ann' });
    await seed({ depositorName: '이서연' });
    await seed({ depositorName: '(주)한빛상사', accountId: shinhan, bankCode: '088' });
    expect(await total(`name=${encodeURIComponent('김')}`)).toBe(2);
    expect(await total(`name=${encodeURIComponent('김 민')}`)).toBe(2);
    expect(await total(`name=${encodeURIComponent('김')}&status=sending`)).toBe(1);
    expect(await total('name=mA')).toBe(1);
    expect(await total(`name=${encodeURIComponent('한빛')}&bankCode=088`)).toBe(1);
    expect(await total(`name=${encodeURIComponent('한빛')}&bankCode=004`)).toBe(0);
    expect(await total(`name=${encodeURIComponent('박')}`)).toBe(0);
  });
});
