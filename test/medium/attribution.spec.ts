import { DataSource } from 'typeorm';
import { parseBankSms } from 'src/banks/bank-sms-parser';
import { MerchantService } from 'src/merchants/merchant.service';
import { NumbersService } from 'src/numbers/numbers.service';
import { deliverSms, insertSim } from 'test/medium/allocation-fixtures';
import { createTestDatabase, startTestGateway, TestGateway } from 'test/utils/test-gateway';

/**
 * (SIM, bank, visible digits) -> exactly one account, against real PostgreSQL. Hints come from the
 * parser reading real layouts (BANK-SMS.md §3), so this is the path a real SMS takes.
 */
describe('attribution of a bank SMS to one account', () => {
  let database: { url: string; drop: () => Promise<void> };
  let gateway: TestGateway;
  let dataSource: DataSource;
  let numbers: NumbersService;
  let sim1: string;
  let sim2: string;
  let merchantA: string;
  let merchantB: string;

  const SMS = {
    kb: (hint: string) => ({
      sender: '16449999',
      text: `[Web발신]\n[KB]07/04 15:24\n${hint}\n홍길동\n입금\n600,000`,
    }),
    shinhan: (account: string) => ({
      sender: '15778000',
      text: `[Web발신]\n신한07/04 15:28\n${account}\n입금     100,000\n 홍길동`,
    }),
    woori: (hint: string) => ({
      sender: '15885000',
      text: `[Web발신]\n우리 07/21 02:27\n${hint}\n입금 1000원\n홍길동`,
    }),
    nh: (hint: string) => ({
      sender: '15882100',
      text: `[Web발신]\n농협 입금10,000원\n07/04 15:18 ${hint} 홍길동`,
    }),
  };

  async function account(
    merchantId: string,
    simId: string,
    bankCode: string,
    accountNumber: string,
  ): Promise<string> {
    const [row] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO bank_accounts (merchant_id, bank_code, account_number, callback_url, charset, sim_id, number_assigned_at)
       VALUES ($1, $2, $3, 'http://127.0.0.1:9/cb', 'UTF-8', $4, now()) RETURNING id`,
      [merchantId, bankCode, accountNumber, simId],
    );
    return row.id;
  }

  async function attribute(simId: string, sms: { sender: string; text: string }) {
    const parsed = parseBankSms({ ...sms, receivedAt: new Date() });
    expect(parsed.kind).toBe('deposit');
    return numbers.attribute(dataSource.manager, {
      simId,
      bankCode: parsed.bankCode!,
      accountHint: parsed.accountHint,
    });
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    gateway = await startTestGateway({ databaseUrl: database.url });
    dataSource = gateway.app.get(DataSource);
    numbers = gateway.app.get(NumbersService);
    merchantA = (await gateway.app.get(MerchantService).create({ name: '에이' })).id;
    merchantB = (await gateway.app.get(MerchantService).create({ name: '비' })).id;
  }, 30_000);

  afterAll(async () => {
    await gateway?.close();
    await database?.drop();
  });

  beforeEach(async () => {
    await dataSource.query('TRUNCATE bank_accounts, sims CASCADE');
    sim1 = await insertSim(dataSource);
    sim2 = await insertSim(dataSource);
  });

  it('should give each bank SMS to the one merchant with that bank on the SIM (rule 1)', async () => {
    const kb = await account(merchantA, sim1, '004', '12345600000789');
    const shinhan = await account(merchantB, sim1, '088', '110123456789');
    expect((await attribute(sim1, SMS.kb('123456**789'))).account?.id).toBe(kb);
    expect((await attribute(sim1, SMS.shinhan('110-123-456789'))).account?.id).toBe(shinhan);
  });

  it('should attribute nothing for a bank with no account on that SIM, or for an account on another SIM', async () => {
    await account(merchantA, sim1, '004', '12345600000789');
    const woori = await attribute(sim1, SMS.woori('*846950'));
    expect(woori).toEqual({ account: null, reason: expect.stringContaining('no 020 account') });
    expect((await attribute(sim2, SMS.kb('123456**789'))).account).toBeNull();
  });

  it("should tell one merchant's accounts of one bank apart by the digits the SMS shows (rule 2)", async () => {
    const first = await account(merchantA, sim1, '004', '12345600000789');
    const second = await account(merchantA, sim1, '004', '12345600000788');
    expect((await attribute(sim1, SMS.kb('123456**789'))).account?.id).toBe(first);
    expect((await attribute(sim1, SMS.kb('123456**788'))).account?.id).toBe(second);
    expect((await attribute(sim1, SMS.kb('123456**787'))).account).toBeNull();
  });

  it('should never guess when the visible digits fit two accounts', async () => {
    // Allocation never puts these together; rows written by hand show what attribution does if it happened.
    await account(merchantA, sim1, '004', '12345600000789');
    await account(merchantA, sim1, '004', '12345699999789');
    expect(await attribute(sim1, SMS.kb('123456**789'))).toEqual({
      account: null,
      reason: expect.stringContaining('2 004 accounts on this number match; not guessing'),
    });
  });

  it('should find a 지역농축협 (012) account from a "농협" SMS, and keep 011 and 012 apart by digits', async () => {
    const local = await account(merchantA, sim1, '012', '3521234427363');
    expect((await attribute(sim1, SMS.nh('352-****-4273-63'))).account?.id).toBe(local);
    const central = await account(merchantA, sim1, '011', '3011234264041');
    expect((await attribute(sim1, SMS.nh('301-****-2640-41'))).account?.id).toBe(central);
    expect((await attribute(sim1, SMS.nh('352-****-4273-63'))).account?.id).toBe(local);
  });

  it('should not attribute to a deleted account', async () => {
    const kb = await account(merchantA, sim1, '004', '12345600000789');
    await dataSource.query('UPDATE bank_accounts SET deleted_at = now() WHERE id = $1', [kb]);
    expect((await attribute(sim1, SMS.kb('123456**789'))).account).toBeNull();
  });

  it('should attribute an SMS without account digits only when one account of that bank is on the SIM', async () => {
    const kb = await account(merchantA, sim1, '004', '12345600000789');
    const ask = () =>
      numbers.attribute(dataSource.manager, { simId: sim1, bankCode: '004', accountHint: null });
    expect((await ask()).account?.id).toBe(kb);
    await account(merchantA, sim1, '004', '65432100000111');
    expect((await ask()).account).toBeNull();
    expect(
      (await numbers.attribute(dataSource.manager, { simId: null, bankCode: '004', accountHint: null }))
        .account,
    ).toBeNull();
  });

  describe('through the inbox', () => {
    // A fresh ICCID per test: the inbox caches ICCID -> SIM id, and the outer beforeEach empties sims.
    let serial = 0;
    let ICCID: string;
    let simId: string;

    const receive = (sms: { sender: string; text: string }) => deliverSms(gateway.app, ICCID, sms);

    beforeEach(async () => {
      ICCID = `89823000000000055${String(++serial).padStart(2, '0')}`;
      simId = (
        await numbers.registerSeenSim({ iccid: ICCID, imsi: null, ownNumber: '+821055505501', modemId: null })
      ).id;
    });

    it('should record an SMS no account matches as unattributed for the operator, with no deposit', async () => {
      await account(merchantA, simId, '004', '12345600000789');
      await account(merchantB, simId, '088', '110123456789');
      const sms = SMS.woori('*846950');
      const row = await receive(sms);
      expect(row.status).toBe('unattributed');
      const deposits = await dataSource.query('SELECT 1 FROM deposits WHERE inbound_sms_id = $1', [row.id]);
      expect(deposits).toHaveLength(0);
    });

    it('should record a deposit to a merchant past its service period as expired', async () => {
      const expired = (
        await gateway.app.get(MerchantService).create({ name: '만료', serviceUntil: '2020-01-01' })
      ).id;
      const kb = await account(expired, simId, '004', '12345600000789');
      const row = await receive({
        ...SMS.kb('123456**789'),
        text: `${SMS.kb('123456**789').text}\n잔액9,999`,
      });
      expect(row.status).toBe('deposit');
      const [deposit] = await dataSource.query<{ status: string; account_id: string }[]>(
        'SELECT status, account_id FROM deposits WHERE inbound_sms_id = $1',
        [row.id],
      );
      expect(deposit).toEqual({ status: 'expired', account_id: kb });
    });
  });
});
