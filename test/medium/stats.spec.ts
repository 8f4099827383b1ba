import { Page } from 'src/common/pagination';
import { DepositView } from 'src/deposits/deposit.service';
import { DailyStats, MonthlyStats } from 'src/stats/stats.service';
import { createAccount } from 'test/factories/account.factory';
import { createDeposit } from 'test/factories/deposit.factory';
import { createMerchant, TestMerchant } from 'test/factories/merchant.factory';
import { ReportingGateway, startReportingGateway } from 'test/factories/reporting.factory';

/** 사용량통계 equals, to the won, what the deposit list returns for the same filters. */
describe('statistics', () => {
  let world: ReportingGateway;
  let shop: TestMerchant;
  let kb: string;
  let shinhan: string;
  const STATUSES = ['success', 'sending', 'no_response', 'expired'] as const;

  /** Every item the list returns for a query, through all its pages. */
  async function listAll(query: string): Promise<DepositView[]> {
    const items: DepositView[] = [];
    for (let page = 1; ; page += 1) {
      const result = await world.get<Page<DepositView>>(
        `/api/v1/deposits?${query}&pageSize=100&page=${page}`,
        shop.auth,
      );
      items.push(...result.items);
      if (items.length >= result.total) return items;
    }
  }

  const sumOf = (items: DepositView[]) => items.reduce((total, item) => total + item.amount, 0);

  beforeAll(async () => {
    world = await startReportingGateway();
    shop = await createMerchant(world.gateway.app);
    const other = await createMerchant(world.gateway.app, '옆가게');
    kb = (await createAccount(world.dataSource, { merchantId: shop.id, bankCode: '004' })).id;
    shinhan = (await createAccount(world.dataSource, { merchantId: shop.id, bankCode: '088' })).id;
    const otherAccount = (await createAccount(world.dataSource, { merchantId: other.id })).id;
    // 2026-06-28 .. 2026-08-03 KST, hours spread so that many fall on either side of UTC midnight.
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const start = Date.parse('2026-06-27T15:00:00Z');
    for (let i = 0; i < 240; i += 1) {
      const onShinhan = random() < 0.3;
      await createDeposit(world.dataSource, {
        merchantId: shop.id,
        accountId: onShinhan ? shinhan : kb,
        bankCode: onShinhan ? '088' : '004',
        depositedAt: new Date(start + Math.floor(random() * 37 * 86_400_000)),
        amount: 1 + Math.floor(random() * 3_000_000),
        status: STATUSES[Math.floor(random() * STATUSES.length)],
      });
    }
    // Exactly on the month's edges in KST.
    await createDeposit(world.dataSource, {
      merchantId: shop.id,
      accountId: kb,
      depositedAt: new Date('2026-06-30T15:00:00Z'),
      amount: 111,
    });
    await createDeposit(world.dataSource, {
      merchantId: shop.id,
      accountId: kb,
      depositedAt: new Date('2026-07-31T14:59:59Z'),
      amount: 222,
    });
    await createDeposit(world.dataSource, {
      merchantId: other.id,
      accountId: otherAccount,
      depositedAt: new Date('2026-07-10T03:00:00Z'),
      amount: 999_999,
    });
    // A deleted deposit counts nowhere.
    const deleted = await createDeposit(world.dataSource, {
      merchantId: shop.id,
      accountId: kb,
      depositedAt: new Date('2026-07-15T03:00:00Z'),
      amount: 5_000_000,
    });
    await world.dataSource.query('UPDATE deposits SET deleted_at = now() WHERE tid = $1', [deleted.tid]);
  }, 60_000);

  afterAll(async () => {
    await world?.close();
  });

  it.each([
    ['no filter', ''],
    ['one bank', 'bankCode=088'],
    ['one account', 'accountId=ACCOUNT'],
    ['one status', 'status=no_response'],
    ['bank and status', 'bankCode=004&status=success'],
  ])('should count and sum each KST day of the month like the list (%s)', async (_, filter) => {
    const query = filter.replace('ACCOUNT', kb);
    const stats = await world.get<DailyStats>(`/api/v1/stats/daily?month=2026-07&${query}`, shop.auth);
    const listed = await listAll(`month=2026-07&${query}`);
    expect(stats.month).toBe('2026-07');
    expect(stats.days).toHaveLength(31);
    expect(stats.totalCount).toBe(listed.length);
    expect(stats.totalAmount).toBe(sumOf(listed));
    expect(stats.totalCount).toBeGreaterThan(0);
    for (const day of stats.days) {
      const ofDay = await listAll(`from=${day.date}&to=${day.date}&${query}`);
      expect({ date: day.date, count: day.count, amount: day.amount }).toEqual({
        date: day.date,
        count: ofDay.length,
        amount: sumOf(ofDay),
      });
    }
  });

  it('should put a deposit at 00:00:00 KST on the 1st and at 23:59:59 KST on the 31st into July', async () => {
    const stats = await world.get<DailyStats>('/api/v1/stats/daily?month=2026-07', shop.auth);
    const first = (await listAll('from=2026-07-01&to=2026-07-01')).map((item) => item.amount);
    const last = (await listAll('from=2026-07-31&to=2026-07-31')).map((item) => item.amount);
    expect(first).toContain(111);
    expect(last).toContain(222);
    expect(stats.days[0].date).toBe('2026-07-01');
    expect(stats.days[30].date).toBe('2026-07-31');
  });

  it('should give twelve months of a year, each equal to the daily totals of that month', async () => {
    const year = await world.get<MonthlyStats>('/api/v1/stats/monthly?year=2026', shop.auth);
    expect(year.months.map((month) => month.month)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
    );
    for (const month of year.months.slice(5, 8)) {
      const daily = await world.get<DailyStats>(`/api/v1/stats/daily?month=${month.month}`, shop.auth);
      expect([month.count, month.amount]).toEqual([daily.totalCount, daily.totalAmount]);
    }
    const everything = await listAll('from=2026-01-01&to=2026-12-31');
    expect([year.totalCount, year.totalAmount]).toEqual([everything.length, sumOf(everything)]);
    expect(year.months[0]).toEqual({ month: '2026-01', count: 0, amount: 0 });
  });

  it('should refuse a missing or malformed month or year, naming it', async () => {
    const missing = await world.get<{ message: string }>('/api/v1/stats/daily', shop.auth, 400);
    expect(missing.message).toMatch(/month/);
    await world.get('/api/v1/stats/daily?month=2026-13', shop.auth, 400);
    const year = await world.get<{ message: string }>('/api/v1/stats/monthly?year=26', shop.auth, 400);
    expect(year.message).toMatch(/year/);
    await world.get('/api/v1/stats/daily?month=2026-07', { Authorization: 'Bearer nope' }, 401);
  });
});
