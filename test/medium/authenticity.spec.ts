import request from 'supertest';
import { DataSource } from 'typeorm';
import { encodeSmsDeliver } from 'hardware/simulator/pdu-encoder';
import { DepositEntity } from 'src/deposits/deposit.entity';
import { RawStoredSms } from 'src/modem/modem.types';
import { NumbersService } from 'src/numbers/numbers.service';
import { InboundSmsEntity } from 'src/sms/inbound-sms.entity';
import { SmsInboxService } from 'src/sms/sms-inbox.service';
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
 * Deposit verdicts against real PostgreSQL: the balance chain runs through deposits and
 * withdrawals of one account, ordered by the bank's time; a forged balance is suspicious, recorded,
 * listed and called back, never dropped.
 */
describe('deposit authenticity (balance chain)', () => {
  const ICCID = '8982300000000000404';
  const KB = '16449999';
  const SHINHAN = '15778000';
  let database: { url: string; drop: () => Promise<void> };
  let gateway: TestGateway;
  let receiver: MerchantReceiver;
  let inbox: SmsInboxService;
  let dataSource: DataSource;
  let apiKey: string;
  let index = 0;

  const kb = (time: string, dir: string, amount: string, balance: string, name = '홍길동') =>
    `[Web발신]\n[KB]${time}\n123456**789\n${name}\n${dir}\n${amount}\n잔액${balance}`;
  const shinhan = (time: string, dir: string, amount: string, balance: string, name = '김철수') =>
    `[Web발신]\n신한${time}\n110-123-456789\n${dir}     ${amount}\n잔액    ${balance}\n ${name}`;

  /** Stores one SMS as the modem would hand it over and waits until it is classified. */
  async function receive(sender: string, text: string, smscTime: string): Promise<InboundSmsEntity> {
    const parts = encodeSmsDeliver({ sender, text, timestamp: new Date(smscTime), reference: index });
    for (const part of parts) {
      const raw: RawStoredSms = {
        port: '/dev/ttyTEST4',
        imei: '356938035643804',
        iccid: ICCID,
        imsi: '450050000000404',
        storage: 'SM',
        index: index++,
        status: 0,
        pdu: part.pdu,
        readAt: new Date(),
      };
      await inbox.accept(raw);
    }
    return waitFor(
      async () => {
        const row = await dataSource.getRepository(InboundSmsEntity).findOneBy({ text });
        return row && row.status !== 'received' ? row : null;
      },
      10_000,
      `classification of ${text.split('\n')[1]}`,
    );
  }

  const depositOf = (sms: InboundSmsEntity) =>
    dataSource.getRepository(DepositEntity).findOneByOrFail({ inboundSmsId: sms.id });

  async function registerAccount(bankCode: string, accountNumber: string): Promise<string> {
    const response = await request(gateway.url)
      .post('/api/v1/accounts')
      .set({ Authorization: `Bearer ${apiKey}` })
      .send({ bankCode, accountNumber, callbackUrl: receiver.url, charset: 'UTF-8' })
      .expect(201);
    return (response.body as { id: string }).id;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await MerchantReceiver.start();
    gateway = await startTestGateway({ databaseUrl: database.url });
    inbox = gateway.app.get(SmsInboxService);
    dataSource = gateway.app.get(DataSource);
    await gateway.app
      .get(NumbersService)
      .registerSeenSim({ iccid: ICCID, imsi: null, ownNumber: '+821055500404', modemId: null });
    const merchant = await request(gateway.url)
      .post('/api/v1/admin/merchants')
      .set({ Authorization: `Bearer ${TEST_ADMIN_TOKEN}` })
      .send({ name: '진위상점' })
      .expect(201);
    apiKey = (merchant.body as { apiKey: string }).apiKey;
  }, 30_000);

  afterAll(async () => {
    await gateway?.close();
    await receiver?.close();
    await database?.drop();
  });

  it('should verify a first deposit, a consistent one, and one after a withdrawal that keeps the chain', async () => {
    const accountId = await registerAccount('004', '123456-78-901789');

    const first = await receive(
      KB,
      kb('07/04 15:24', '입금', '600,000', '1,320,000'),
      '2026-07-04T06:24:30Z',
    );
    expect(await depositOf(first)).toMatchObject({ verdict: 'verified', verdictReason: null });

    const second = await receive(
      KB,
      kb('07/04 16:00', '입금', '100,000', '1,420,000'),
      '2026-07-04T07:00:30Z',
    );
    expect(await depositOf(second)).toMatchObject({ verdict: 'verified', verdictReason: null });

    const withdrawal = await receive(
      KB,
      kb('07/04 17:10', '체크카드출금', '20,000', '1,400,000', '스타벅스'),
      '2026-07-04T08:10:30Z',
    );
    expect(withdrawal).toMatchObject({
      status: 'withdrawal',
      accountId,
      amount: '20000',
      balance: '1400000',
      occurredAt: new Date('2026-07-04T08:10:00Z'),
    });
    expect(await dataSource.getRepository(DepositEntity).countBy({ inboundSmsId: withdrawal.id })).toBe(0);

    // 1,400,000 + 50,000: consistent only because the withdrawal's balance is part of the chain.
    const third = await receive(KB, kb('07/04 18:00', '입금', '50,000', '1,450,000'), '2026-07-04T09:00:30Z');
    expect(third.accountId).toBe(accountId);
    expect(await depositOf(third)).toMatchObject({ verdict: 'verified', balance: '1450000' });

    // A deposit that states no balance cannot be checked and breaks nothing.
    const noBalance = await receive(
      KB,
      '[Web발신]\n[KB]07/04 18:30\n123456**789\n이영희\n입금\n5,000',
      '2026-07-04T09:30:30Z',
    );
    expect(await depositOf(noBalance)).toMatchObject({ verdict: 'verified', balance: null });
  });

  it('should record a forged balance as suspicious with the reason, list it and call back with verdict=suspicious', async () => {
    receiver.calls.length = 0;
    await registerAccount('088', '110-123-456789');
    const genuine = await receive(
      SHINHAN,
      shinhan('07/05 10:00', '입금', '100,000', '870,045'),
      '2026-07-05T01:00:30Z',
    );

    // From the official sender number (spoofed), in the exact template, but with a balance the
    // forger had to invent: 870,045 + 3,000,000 is not 5,000,000.
    const forged = await receive(
      SHINHAN,
      shinhan('07/05 10:30', '입금', '3,000,000', '5,000,000', '박사기'),
      '2026-07-05T01:30:30Z',
    );
    expect(forged.status).toBe('deposit');
    const deposit = await depositOf(forged);
    expect(deposit.verdict).toBe('suspicious');
    expect(deposit.verdictReason).toBe(
      `balance 5,000,000원 does not follow the previous SMS #${genuine.id} ` +
        '(balance 870,045원 + 3,000,000원 = 3,870,045원): an SMS was missed or this one is forged',
    );

    const listed = await request(gateway.url)
      .get(`/api/v1/deposits?tid=${deposit.tid}`)
      .set({ Authorization: `Bearer ${apiKey}` })
      .expect(200);
    expect((listed.body as { items: unknown[] }).items).toEqual([
      expect.objectContaining({
        tid: deposit.tid,
        amount: 3000000,
        verdict: 'suspicious',
        verdictReason: deposit.verdictReason,
      }),
    ]);

    const call = await waitFor(
      () => Promise.resolve(receiver.calls.find((c) => c.rawUrl.includes(deposit.tid))),
      10_000,
      'the callback of the suspicious deposit',
    );
    expect(decodeCallbackQuery(call.rawUrl, 'UTF-8')).toMatchObject({
      tid: deposit.tid,
      price: '3000000',
      verdict: 'suspicious',
    });
  });

  it('should order the chain by the bank time, not by arrival', async () => {
    await registerAccount('081', '123-456789-45678');
    const hana = (time: string, dir: string, amount: string, balance: string) =>
      `[Web발신]\n하나,${time}\n123******45678\n${dir}${amount}원\n홍길동\n잔액${balance}원`;
    await receive('15991111', hana('07/06 09:00', '입금', '10,000', '110,000'), '2026-07-06T00:00:30Z');
    // The 11:00 deposit arrives first (the 10:00 withdrawal was held at the SMSC).
    const late = await receive(
      '15991111',
      hana('07/06 11:00', '입금', '5,000', '105,000'),
      '2026-07-06T02:00:30Z',
    );
    expect((await depositOf(late)).verdict).toBe('suspicious');
    await receive('15991111', hana('07/06 10:00', '출금', '10,000', '100,000'), '2026-07-06T01:00:30Z');
    // The next deposit follows the 11:00 one (latest by bank time), not the 10:00 one (latest arrival).
    const next = await receive(
      '15991111',
      hana('07/06 12:00', '입금', '1,000', '106,000'),
      '2026-07-06T03:00:30Z',
    );
    expect(await depositOf(next)).toMatchObject({ verdict: 'verified' });
  });
});
