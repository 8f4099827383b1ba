import fc from 'fast-check';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AccountService } from 'src/accounts/account.service';
import { ConflictError } from 'src/common/app-error';
import { MerchantService } from 'src/merchants/merchant.service';
import { NoNotificationNumberError } from 'src/numbers/numbers.service';
import { sameSmsBanks } from 'src/numbers/sms-account-masks';
import {
  confusable,
  insertSim,
  LiveAccount,
  liveAccounts,
  ruleViolations,
} from 'test/medium/allocation-fixtures';
import { createTestDatabase, startTestGateway, TEST_ADMIN_TOKEN, TestGateway } from 'test/utils/test-gateway';

/** Which notification number an account gets, against real PostgreSQL (issue 5 rules 1-5). */
describe('notification-number allocation', () => {
  let database: { url: string; drop: () => Promise<void> };
  let gateway: TestGateway;
  let dataSource: DataSource;
  let accounts: AccountService;
  const admin = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

  /** Lengths each test bank really uses, so the per-bank length check lets them through. */
  const BANK_LENGTHS: Record<string, number> = {
    '004': 14, // KB: 6 + 3 visible
    '088': 12, // 신한: two layouts
    '020': 13, // 우리: two layouts
    '011': 13, // 농협은행 } one SMS for both
    '012': 13, // 지역농축협 }
    '090': 13, // 카카오뱅크: last 4
    '007': 12, // 수협: mask unknown, never shared
  };
  const BANK_CODES = Object.keys(BANK_LENGTHS);

  /** Few choices at both ends, so visible digits collide often and rule 2 is exercised. */
  function accountNumber(bankCode: string, head: number, tail: number, middle: number): string {
    const length = BANK_LENGTHS[bankCode];
    const start = ['110', '352', '999'][head] + '1234'.slice(0, 6 - 3);
    const end = ['846950', '846951', '123789'][tail];
    const innerLength = length - start.length - end.length;
    const inner = innerLength > 0 ? String(middle).padStart(innerLength, '0').slice(-innerLength) : '';
    return `${start}${inner}${end}`;
  }

  async function newMerchant(name: string): Promise<{ id: string; apiKey: string }> {
    const created = await gateway.app.get(MerchantService).create({ name });
    return { id: created.id, apiKey: created.apiKey };
  }

  async function register(merchantId: string, bankCode: string, number: string) {
    return accounts.create(merchantId, {
      bankCode,
      accountNumber: number,
      callbackUrl: 'http://127.0.0.1:9/callback',
      charset: 'UTF-8',
    });
  }

  async function reset(): Promise<void> {
    await dataSource.query('TRUNCATE bank_accounts, sims, modems CASCADE');
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    gateway = await startTestGateway({ databaseUrl: database.url, env: { SIM_DEFAULT_CAPACITY: '4' } });
    dataSource = gateway.app.get(DataSource);
    accounts = gateway.app.get(AccountService);
  }, 30_000);

  afterAll(async () => {
    await gateway?.close();
    await database?.drop();
  });

  beforeEach(reset);

  it('should never break rules 1-3 over thousands of random registrations and deletions', async () => {
    const merchants = await Promise.all(['가', '나', '다'].map((n) => newMerchant(`속성${n}`)));
    const op = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.record({
          kind: fc.constant('register' as const),
          merchant: fc.nat(merchants.length - 1),
          bank: fc.constantFrom(...BANK_CODES),
          head: fc.nat(2),
          tail: fc.nat(2),
          middle: fc.nat(3),
        }),
      },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(1000) }) },
    );
    let operations = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 60, maxLength: 120 }), async (ops) => {
        await reset();
        // Eligible SIMs of mixed capacity, plus ones that must never be chosen.
        const capacities = new Map<string, number>();
        for (const capacity of [2, 3, 4, 5]) {
          capacities.set(await insertSim(dataSource, { capacity }), capacity);
        }
        capacities.set(await insertSim(dataSource, {}), 4); // SIM_DEFAULT_CAPACITY
        await insertSim(dataSource, { enabled: false });
        await insertSim(dataSource, { phoneNumber: null });
        await insertSim(dataSource, { lastSeenAt: new Date(Date.now() - 2 * 3_600_000) });
        await insertSim(dataSource, { modem: { state: 'failed', lastSeenAt: new Date() } });
        await insertSim(dataSource, { modem: { state: 'sim_not_ready', lastSeenAt: new Date() } });
        await insertSim(dataSource, { modem: { state: 'closed', lastSeenAt: new Date() } });
        await insertSim(dataSource, {
          modem: { state: 'ready', lastSeenAt: new Date(Date.now() - 2 * 3_600_000) },
        });
        capacities.set(
          await insertSim(dataSource, { capacity: 3, modem: { state: 'ready', lastSeenAt: new Date() } }),
          3,
        );

        for (const step of ops) {
          operations++;
          const before = await liveAccounts(dataSource);
          if (step.kind === 'delete') {
            if (before.length === 0) continue;
            const victim = before[step.pick % before.length];
            await accounts.remove(victim.merchantId, victim.id);
          } else {
            const merchantId = merchants[step.merchant].id;
            const number = accountNumber(step.bank, step.head, step.tail, step.middle);
            const expected = expectedSims(before, capacities, {
              merchantId,
              bankCode: step.bank,
              accountNumber: number,
            });
            const duplicate = before.some((a) => a.bankCode === step.bank && a.accountNumber === number);
            try {
              const created = await register(merchantId, step.bank, number);
              expect(duplicate).toBe(false);
              const chosen = (await liveAccounts(dataSource)).find((a) => a.id === created.id)!.simId;
              // Rule 3: one of the least loaded SIMs the rules allow.
              expect(expected.leastLoaded).toContain(chosen);
            } catch (error) {
              if (error instanceof ConflictError) expect(duplicate).toBe(true);
              else if (error instanceof NoNotificationNumberError) expect(expected.leastLoaded).toEqual([]);
              else throw error;
            }
          }
          expect(ruleViolations(await liveAccounts(dataSource), capacities)).toEqual([]);
        }
      }),
      { numRuns: 30 },
    );
    expect(operations).toBeGreaterThan(1500);
  }, 300_000);

  it('should keep rules 1-3 with 50 registrations in parallel', async () => {
    const capacities = new Map<string, number>();
    for (let i = 0; i < 4; i++) capacities.set(await insertSim(dataSource, { capacity: 6 }), 6);
    const merchants = await Promise.all(Array.from({ length: 8 }, (_, i) => newMerchant(`병렬${i}`)));
    const attempts = Array.from({ length: 50 }, (_, i) => {
      const bankCode = ['004', '090', '011', '012'][i % 4];
      const number = accountNumber(bankCode, i % 3, (i >> 2) % 3, i);
      return request(gateway.url)
        .post('/api/v1/accounts')
        .set({ Authorization: `Bearer ${merchants[i % merchants.length].apiKey}` })
        .send({ bankCode, accountNumber: number, callbackUrl: 'http://127.0.0.1:9/cb', charset: 'UTF-8' });
    });
    const responses = await Promise.all(attempts);
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 422)).toBe(true);
    const live = await liveAccounts(dataSource);
    expect(live).toHaveLength(statuses.filter((s) => s === 201).length);
    expect(live.length).toBeGreaterThan(0);
    expect(ruleViolations(live, capacities)).toEqual([]);
  }, 60_000);

  it("should answer 422 with a reason the merchant understands when only another merchant's same-bank SIM has room", async () => {
    await insertSim(dataSource, { capacity: 10 });
    const a = await newMerchant('먼저');
    const b = await newMerchant('나중');
    await request(gateway.url)
      .post('/api/v1/accounts')
      .set({ Authorization: `Bearer ${a.apiKey}` })
      .send({
        bankCode: '004',
        accountNumber: '123456-78-901789',
        callbackUrl: 'http://127.0.0.1:9/cb',
        charset: 'UTF-8',
      })
      .expect(201);
    const refused = await request(gateway.url)
      .post('/api/v1/accounts')
      .set({ Authorization: `Bearer ${b.apiKey}` })
      .send({
        bankCode: '004',
        accountNumber: '223456-78-901789',
        callbackUrl: 'http://127.0.0.1:9/cb',
        charset: 'UTF-8',
      })
      .expect(422);
    expect(refused.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
    expect((refused.body as { message: string }).message).toContain('국민은행');
    expect((refused.body as { message: string }).message).toContain(
      "another merchant's account of this bank",
    );
    // A bank nobody has on that SIM still fits; the refused one did not leave a row behind.
    await request(gateway.url)
      .post('/api/v1/accounts')
      .set({ Authorization: `Bearer ${b.apiKey}` })
      .send({
        bankCode: '090',
        accountNumber: '3333-01-1234567',
        callbackUrl: 'http://127.0.0.1:9/cb',
        charset: 'UTF-8',
      })
      .expect(201);
    expect(await liveAccounts(dataSource)).toHaveLength(2);
  });

  it('should say so when no number is online at all', async () => {
    await insertSim(dataSource, { modem: { state: 'failed', lastSeenAt: new Date() } });
    const m = await newMerchant('혼자');
    const refused = await request(gateway.url)
      .post('/api/v1/accounts')
      .set({ Authorization: `Bearer ${m.apiKey}` })
      .send({
        bankCode: '004',
        accountNumber: '12345678901789',
        callbackUrl: 'http://127.0.0.1:9/cb',
        charset: 'UTF-8',
      })
      .expect(422);
    expect((refused.body as { message: string }).message).toContain('no notification number is online');
  });

  it('should move every account off an evacuated SIM by the same rules and show the merchant the change', async () => {
    const dying = await insertSim(dataSource, { capacity: 10, phoneNumber: '01055500001' });
    const a = await newMerchant('이사');
    const b = await newMerchant('이웃');
    const c = await newMerchant('먼저온');
    const kb = await register(a.id, '004', '11111100000789');
    const kakao = await register(a.id, '090', '3333011238205');
    const other = await register(b.id, '088', '110123456789');
    expect([kb, kakao, other].every((acc) => acc.notificationNumber === '010-5550-0001')).toBe(true);
    await insertSim(dataSource, { capacity: 10, phoneNumber: '01055500002' });
    const spare2 = await insertSim(dataSource, { capacity: 10, phoneNumber: '01055500003' });
    // c's KB account takes the first spare (least loaded), so a's KB account may only go to spare2 (rule 1).
    expect((await register(c.id, '004', '22222200000789')).notificationNumber).toBe('010-5550-0002');

    const report = await request(gateway.url)
      .post(`/api/v1/admin/sims/${dying}/evacuate`)
      .set(admin)
      .expect(200);
    const body = report.body as { moved: { accountId: string; to: string }[]; stranded: unknown[] };
    expect(body.stranded).toEqual([]);
    expect(body.moved.map((m) => m.accountId).sort()).toEqual([kb.id, kakao.id, other.id].sort());

    const live = await liveAccounts(dataSource);
    expect(live.every((acc) => acc.simId !== dying)).toBe(true);
    expect(live.find((acc) => acc.id === kb.id)?.simId).toBe(spare2);
    expect(ruleViolations(live, new Map(live.map((acc) => [acc.simId!, 10])))).toEqual([]);

    const seen = await request(gateway.url)
      .get(`/api/v1/accounts/${kb.id}`)
      .set({ Authorization: `Bearer ${a.apiKey}` })
      .expect(200);
    const view = seen.body as {
      notificationNumber: string;
      previousNotificationNumber: string;
      notificationNumberAssignedAt: string;
    };
    expect(view.previousNotificationNumber).toBe('010-5550-0001');
    expect(view.notificationNumber).toBe('010-5550-0003');
    expect(new Date(view.notificationNumberAssignedAt).getTime()).toBeGreaterThan(
      new Date(kb.notificationNumberAssignedAt!).getTime(),
    );
    const sims = await request(gateway.url).get('/api/v1/admin/sims').set(admin).expect(200);
    expect(
      (sims.body as { id: string; enabled: boolean; accounts: number }[]).find((s) => s.id === dying),
    ).toMatchObject({
      enabled: false,
      accounts: 0,
    });
  });

  it('should leave an account no SIM can take where it is and report it stranded', async () => {
    const dying = await insertSim(dataSource, { capacity: 10 });
    const a = await newMerchant('갈곳');
    const b = await newMerchant('없음');
    const mine = await register(a.id, '004', '11111100000789');
    await insertSim(dataSource, { capacity: 10 });
    // b takes the only other SIM's KB slot first (it is least loaded), so a's KB account has nowhere to go.
    const theirs = await register(b.id, '004', '22222200000789');
    expect(theirs.notificationNumber).not.toBe(mine.notificationNumber);
    const report = await request(gateway.url)
      .post(`/api/v1/admin/sims/${dying}/evacuate`)
      .set(admin)
      .expect(200);
    const body = report.body as { moved: unknown[]; stranded: { accountId: string; reason: string }[] };
    expect(body.moved).toEqual([]);
    expect(body.stranded).toEqual([
      expect.objectContaining({ accountId: mine.id, reason: expect.stringContaining('another merchant') }),
    ]);
    expect((await liveAccounts(dataSource)).find((acc) => acc.id === mine.id)?.simId).toBe(dying);
  });

  it('should free the slot when an account is deleted', async () => {
    await insertSim(dataSource, { capacity: 1 });
    const a = await newMerchant('자리');
    const first = await register(a.id, '004', '11111100000789');
    await expect(register(a.id, '090', '3333011238205')).rejects.toBeInstanceOf(NoNotificationNumberError);
    await accounts.remove(a.id, first.id);
    await expect(register(a.id, '090', '3333011238205')).resolves.toMatchObject({ bankCode: '090' });
  });
});

/** The least-loaded SIMs rules 1-3 allow for a new account, worked out from the rows alone. */
function expectedSims(
  live: LiveAccount[],
  capacities: Map<string, number>,
  request: { merchantId: string; bankCode: string; accountNumber: string },
): { leastLoaded: string[] } {
  const group = sameSmsBanks(request.bankCode);
  const allowed: { simId: string; load: number }[] = [];
  for (const [simId, capacity] of capacities) {
    const onSim = live.filter((a) => a.simId === simId);
    if (onSim.length >= capacity) continue;
    const sameBank = onSim.filter((a) => group.includes(a.bankCode));
    if (sameBank.some((a) => a.merchantId !== request.merchantId)) continue;
    const candidate = { ...request, id: 'new', simId };
    if (sameBank.some((a) => confusable(a, candidate) || confusable(candidate, a))) continue;
    allowed.push({ simId, load: onSim.length });
  }
  const min = Math.min(...allowed.map((a) => a.load));
  return { leastLoaded: allowed.filter((a) => a.load === min).map((a) => a.simId) };
}
