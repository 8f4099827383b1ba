import { Client } from 'pg';
import { DepositView } from 'src/deposits/deposit.service';
import { Page } from 'src/common/pagination';
import { createAccount } from 'test/factories/account.factory';
import { createDeposit, DepositSeed } from 'test/factories/deposit.factory';
import { createMerchant, TestMerchant } from 'test/factories/merchant.factory';
import { ReportingGateway, startReportingGateway } from 'test/factories/reporting.factory';
import { waitFor } from 'test/utils/test-gateway';

type List = Page<DepositView>;
type Feed = { items: DepositView[]; next: string; hasMore: boolean };

/** GET /api/v1/deposits against real PostgreSQL: filter semantics, paging, the since feed, isolation. */
describe('deposit list', () => {
  let world: ReportingGateway;
  let shop: TestMerchant;
  let other: TestMerchant;
  let kb: string;
  let shinhan: string;
  let otherAccount: string;

  const seed = (overrides: Partial<DepositSeed>) =>
    createDeposit(world.dataSource, { merchantId: shop.id, accountId: kb, ...overrides });
  const list = (query: string, status = 200) =>
    world.get<List>(`/api/v1/deposits?${query}`, shop.auth, status);
  const tidsOf = (page: List | Feed) => page.items.map((item) => item.tid);

  beforeAll(async () => {
    world = await startReportingGateway();
    shop = await createMerchant(world.gateway.app, '우리가게');
    other = await createMerchant(world.gateway.app, '옆가게');
    kb = (await createAccount(world.dataSource, { merchantId: shop.id, bankCode: '004' })).id;
    shinhan = (await createAccount(world.dataSource, { merchantId: shop.id, bankCode: '088' })).id;
    otherAccount = (await createAccount(world.dataSource, { merchantId: other.id })).id;
  }, 30_000);

  afterAll(async () => {
    await world?.close();
  });

  beforeEach(async () => {
    await world.dataSource.query(
      'TRUNCATE deposits, callback_attempts, inbound_sms RESTART IDENTITY CASCADE',
    );
  });

  it('should take from/to as whole KST days at 23:59:59 / 00:00:00 KST and across UTC midnight', async () => {
    const at = {
      jul3Last: await seed({ depositedAt: new Date('2026-07-03T14:59:59Z') }), // 07-03 23:59:59 KST
      jul4First: await seed({ depositedAt: new Date('2026-07-03T15:00:00Z') }), // 07-04 00:00:00 KST
      jul4UtcMidnight: await seed({ depositedAt: new Date('2026-07-04T00:00:00Z') }), // 07-04 09:00 KST
      jul4Last: await seed({ depositedAt: new Date('2026-07-04T14:59:59.999Z') }), // 07-04 23:59:59.999 KST
      jul5First: await seed({ depositedAt: new Date('2026-07-04T15:00:00Z') }), // 07-05 00:00:00 KST
    };
    expect(tidsOf(await list('from=2026-07-04&to=2026-07-04'))).toEqual([
      at.jul4Last.tid,
      at.jul4UtcMidnight.tid,
      at.jul4First.tid,
    ]);
    expect(tidsOf(await list('from=2026-07-03&to=2026-07-03'))).toEqual([at.jul3Last.tid]);
    expect(tidsOf(await list('from=2026-07-05'))).toEqual([at.jul5First.tid]);
    expect(tidsOf(await list('to=2026-07-03'))).toEqual([at.jul3Last.tid]);
    expect((await list('from=2026-07-03&to=2026-07-05')).total).toBe(5);
  });

  it('should take a month as its KST days: 06-30 23:59:59 KST is June, 07-01 00:00 KST is July', async () => {
    const june = await seed({ depositedAt: new Date('2026-06-30T14:59:59Z') });
    const july = await seed({ depositedAt: new Date('2026-06-30T15:00:00Z') });
    expect(tidsOf(await list('month=2026-06'))).toEqual([june.tid]);
    expect(tidsOf(await list('month=2026-07'))).toEqual([july.tid]);
    await list('month=2026-07&from=2026-07-01', 400);
  });

  it('should take presets as KST days ending today', async () => {
    const now = await seed({ depositedAt: new Date() });
    const twoDaysAgo = await seed({ depositedAt: new Date(Date.now() - 2 * 86_400_000) });
    const longAgo = await seed({ depositedAt: new Date(Date.now() - 100 * 86_400_000) });
    expect(tidsOf(await list('preset=today'))).toEqual([now.tid]);
    expect(tidsOf(await list('preset=7d'))).toEqual([now.tid, twoDaysAgo.tid]);
    expect(tidsOf(await list('preset=90d'))).toEqual([now.tid, twoDaysAgo.tid]);
    expect(tidsOf(await list('preset=yesterday'))).not.toContain(now.tid);
    expect((await list('')).total).toBe(3);
    expect(tidsOf(await list(''))).toContain(longAgo.tid);
    const refused = await list('preset=week', 400);
    expect(refused).toMatchObject({ message: expect.stringContaining('preset') });
  });

  it('should find a depositor by part of the name, ignoring spaces on both sides', async () => {
    const spaced = await seed({ depositorName: '홍 길동' });
    const plain = await seed({ depositorName: '김길동' });
    const latin = await seed({ depositorName: 'KIM MIN SU' });
    const percent = await seed({ depositorName: '100%상회' });
    expect(tidsOf(await list(`name=${encodeURIComponent('홍길동')}`))).toEqual([spaced.tid]);
    expect(tidsOf(await list(`name=${encodeURIComponent('길 동')}`)).sort()).toEqual(
      [spaced.tid, plain.tid].sort(),
    );
    expect(tidsOf(await list(`name=${encodeURIComponent('min su')}`))).toEqual([latin.tid]);
    expect(tidsOf(await list(`name=${encodeURIComponent('kI')}`))).toEqual([latin.tid]);
    expect(tidsOf(await list(`name=${encodeURIComponent('%')}`))).toEqual([percent.tid]);
    expect((await list(`name=${encodeURIComponent('이순신')}`)).total).toBe(0);
  });

  it('should combine bank, account, tid, status, verdict and amount range', async () => {
    const a = await seed({ amount: 5_000, status: 'success', verdict: 'verified' });
    const b = await seed({ amount: 50_000, status: 'no_response', verdict: 'suspicious' });
    const c = await seed({ accountId: shinhan, bankCode: '088', amount: 500_000, status: 'sending' });
    expect(tidsOf(await list('bankCode=088'))).toEqual([c.tid]);
    expect(tidsOf(await list(`accountId=${kb}`)).sort()).toEqual([a.tid, b.tid].sort());
    expect(tidsOf(await list(`tid=${b.tid}`))).toEqual([b.tid]);
    expect(tidsOf(await list('status=no_response'))).toEqual([b.tid]);
    expect(tidsOf(await list('verdict=suspicious'))).toEqual([b.tid]);
    expect(tidsOf(await list('minAmount=50000&maxAmount=500000')).sort()).toEqual([b.tid, c.tid].sort());
    expect(tidsOf(await list('minAmount=5000&maxAmount=5000'))).toEqual([a.tid]);
    expect(tidsOf(await list(`accountId=${kb}&minAmount=10000&status=no_response`))).toEqual([b.tid]);
    await list('minAmount=10&maxAmount=5', 400);
    await list('verdict=maybe', 400);
    await list('minAmount=-1', 400);
  });

  it('should page newest first with the total of every match, in sizes 10/20/50/100 only', async () => {
    const start = Date.parse('2026-05-01T00:00:00Z');
    const seeded = [];
    for (let i = 0; i < 25; i += 1) seeded.push(await seed({ depositedAt: new Date(start + i * 60_000) }));
    const newestFirst = seeded.map((deposit) => deposit.tid).reverse();
    const pages = [await list('page=1'), await list('page=2'), await list('page=3'), await list('page=4')];
    expect(pages.map((page) => page.total)).toEqual([25, 25, 25, 25]);
    expect(pages.map((page) => page.items.length)).toEqual([10, 10, 5, 0]);
    expect(pages.flatMap(tidsOf)).toEqual(newestFirst);
    expect(await list('pageSize=20&page=2')).toMatchObject({ total: 25, page: 2, pageSize: 20 });
    const refused = await list('pageSize=15', 400);
    expect(refused).toMatchObject({ message: expect.stringContaining('pageSize') });
    await list('pageSize=1000', 400);
  });

  it("should never show another merchant's deposits, whatever the filter", async () => {
    const mine = await seed({});
    const theirs = await createDeposit(world.dataSource, { merchantId: other.id, accountId: otherAccount });
    expect(tidsOf(await list(''))).toEqual([mine.tid]);
    expect((await list(`tid=${theirs.tid}`)).total).toBe(0);
    expect((await list(`accountId=${otherAccount}`)).total).toBe(0);
    await world.get(`/api/v1/deposits/${theirs.tid}`, shop.auth, 404);
    expect(tidsOf(await world.get<List>('/api/v1/deposits', other.auth))).toEqual([theirs.tid]);
    const feed = await waitFor(async () => {
      const page = await world.get<Feed>('/api/v1/deposits?since=0', shop.auth);
      return page.items.length > 0 ? page : null;
    });
    expect(tidsOf(feed)).toEqual([mine.tid]);
  });

  describe('since feed', () => {
    const feed = (since: string, extra = '') =>
      world.get<Feed>(`/api/v1/deposits?since=${since}${extra}`, shop.auth);
    // A write transaction running anywhere in the cluster holds the feed back for its duration.
    const feedOf = (since: string, count: number, extra = '') =>
      waitFor(async () => {
        const page = await feed(since, extra);
        return page.items.length >= count ? page : null;
      });

    it('should hand out every deposit once, oldest recorded first, in batches that chain by cursor', async () => {
      const seeded = [];
      for (let i = 0; i < 5; i += 1) seeded.push(await seed({ amount: 1000 + i }));
      const first = await feedOf('0', 2, '&limit=2');
      expect(first).toMatchObject({ hasMore: true });
      const second = await feed(first.next, '&limit=2');
      const third = await feed(second.next, '&limit=2');
      expect(third.hasMore).toBe(false);
      expect([first, second, third].flatMap(tidsOf)).toEqual(seeded.map((deposit) => deposit.tid));
      const idle = await feed(third.next);
      expect(idle).toEqual({ items: [], next: third.next, hasMore: false });
      const later = await seed({});
      expect(tidsOf(await feedOf(third.next, 1))).toEqual([later.tid]);
    });

    it('should not let a deposit committed late slip behind a cursor already handed out', async () => {
      const client = new Client({ connectionString: world.gateway.config.databaseUrl });
      await client.connect();
      try {
        const { next: start } = await feed('0');
        await client.query('BEGIN');
        // The slow transaction starts first (older xid and lower id) and commits last.
        const slow = await createDeposit(
          world.dataSource,
          { merchantId: shop.id, accountId: kb, depositorName: '늦은커밋' },
          async <T>(sql: string, parameters: unknown[]) => (await client.query(sql, parameters)).rows as T[],
        );
        const fast = await seed({ depositorName: '빠른커밋' });
        const whileOpen = await feed(start);
        expect(whileOpen.items).toEqual([]);
        await client.query('COMMIT');
        const after = await feedOf(whileOpen.next, 2);
        expect(tidsOf(after)).toEqual([slow.tid, fast.tid]);
      } finally {
        await client.end();
      }
    });

    it('should follow one account or bank, and refuse filters a deposit can change or outgrow', async () => {
      await seed({});
      const theirs = await seed({ accountId: shinhan, bankCode: '088' });
      expect(tidsOf(await feedOf('0', 1, `&accountId=${shinhan}`))).toEqual([theirs.tid]);
      expect(tidsOf(await feedOf('0', 1, '&bankCode=088'))).toEqual([theirs.tid]);
      const refused = await world.get<{ message: string }>(
        '/api/v1/deposits?since=0&status=success',
        shop.auth,
        400,
      );
      expect(refused.message).toMatch(/status/);
      await world.get('/api/v1/deposits?since=0&from=2026-01-01', shop.auth, 400);
      await world.get('/api/v1/deposits?since=bogus', shop.auth, 400);
      await world.get('/api/v1/deposits?since=0&limit=5000', shop.auth, 400);
    });
  });
});
