import request from 'supertest';
import { DataSource } from 'typeorm';
import { MerchantService } from 'src/merchants/merchant.service';
import { NumbersService } from 'src/numbers/numbers.service';
import { deliverSms } from 'test/medium/allocation-fixtures';
import { createTestDatabase, startTestGateway, TestGateway } from 'test/utils/test-gateway';

/** 인증번호수신내역 against real PostgreSQL, messages coming in through the inbox as from a modem. */
describe('verification-message viewer', () => {
  const WINDOW_HOURS = 2;
  let database: { url: string; drop: () => Promise<void> };
  let gateway: TestGateway;
  let dataSource: DataSource;
  const sims: Record<'one' | 'two', { iccid: string; id: string }> = {
    one: { iccid: '8982300000000007701', id: '' },
    two: { iccid: '8982300000000007702', id: '' },
  };
  let owner: { Authorization: string; id: string };
  let stranger: { Authorization: string };
  let kbAccountId: string;

  async function merchant(name: string): Promise<{ Authorization: string; id: string }> {
    const created = await gateway.app.get(MerchantService).create({ name });
    return { Authorization: `Bearer ${created.apiKey}`, id: created.id };
  }

  /** Delivers an SMS to a SIM through the inbox and waits until it is classified. */
  async function receive(sim: 'one' | 'two', sender: string, text: string, hoursAgo = 0): Promise<void> {
    await deliverSms(gateway.app, sims[sim].iccid, { sender, text });
    if (hoursAgo > 0) {
      await dataSource.query(
        `UPDATE inbound_sms SET received_at = now() - make_interval(hours => $2) WHERE text = $1`,
        [text, hoursAgo],
      );
    }
  }

  async function viewer(accountId: string, auth: { Authorization: string }, status = 200) {
    const response = await request(gateway.url)
      .get(`/api/v1/accounts/${accountId}/verification-messages`)
      .set(auth)
      .expect(status);
    return response.body as {
      receivedAt: string;
      sender: string;
      text: string;
      code: string | null;
      kind: string;
    }[];
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    gateway = await startTestGateway({
      databaseUrl: database.url,
      env: { VERIFICATION_WINDOW_HOURS: String(WINDOW_HOURS) },
    });
    dataSource = gateway.app.get(DataSource);
    const numbers = gateway.app.get(NumbersService);
    for (const [i, sim] of Object.values(sims).entries()) {
      sim.id = (
        await numbers.registerSeenSim({
          iccid: sim.iccid,
          imsi: null,
          ownNumber: `+82105550770${i}`,
          modemId: null,
        })
      ).id;
    }
    // Only SIM one takes accounts; two is off, so where each account lands is known.
    await dataSource.query('UPDATE sims SET enabled = false WHERE id = $1', [sims.two.id]);
    owner = await merchant('주인');
    stranger = await merchant('남');
    // A KB verification SMS that reached the SIM before the account existed (another holder's, perhaps).
    await receive('one', '16449999', '[Web발신]\n[KB국민은행] 인증번호 [111111]를 입력해 주세요.');
    await dataSource.query(`UPDATE inbound_sms SET received_at = now() - interval '1 minute'`);
    const created = await request(gateway.url)
      .post('/api/v1/accounts')
      .set(owner)
      .send({
        bankCode: '004',
        accountNumber: '12345678901789',
        callbackUrl: 'http://127.0.0.1:9/cb',
        charset: 'UTF-8',
      })
      .expect(201);
    kbAccountId = (created.body as { id: string }).id;

    await receive('one', '16449999', '[Web발신]\n[KB국민은행] 인증번호 [234567]를 입력해 주세요.');
    await receive('one', '15889999', '[Web발신]\n[KB국민은행] SMS통지 인증번호 [345678]');
    await receive('one', '01012345678', '[Web발신]\n[KB국민은행] 인증번호 [999999]를 입력해 주세요.');
    await receive('one', '15778000', '[Web발신]\n[신한은행] SMS인증번호 [888888] 타인에게 알려주지 마세요');
    await receive('two', '16449999', '[Web발신]\n[KB국민은행] 인증번호 [777777]를 입력해 주세요.');
    await receive(
      'one',
      '16449999',
      '[Web발신]\n[KB국민은행] 인증번호 [666666]를 입력해 주세요.',
      WINDOW_HOURS + 1,
    );
    await receive('one', '16449999', '[Web발신]\n[KB]07/04 15:24\n123456**789\n토스4821\n입금\n1\n잔액1,000');
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
    await database?.drop();
  });

  it("should show the bank's verification codes and the 1원 deposit's code, newest first", async () => {
    const messages = await viewer(kbAccountId, owner);
    expect(messages.map((m) => [m.kind, m.code])).toEqual([
      ['one_won_deposit', '4821'],
      ['verification', '345678'],
      ['verification', '234567'],
    ]);
    expect(messages[1]).toMatchObject({ sender: '15889999', text: expect.stringContaining('345678') });
    const times = messages.map((m) => new Date(m.receivedAt).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('should leave out other senders, other banks, other SIMs, older than the window and before the account had the number', () => {
    // Covered by the exact list above; spelled out here so a regression names what leaked.
    return viewer(kbAccountId, owner).then((messages) => {
      const codes = messages.map((m) => m.code);
      expect(codes).not.toContain('999999'); // a mobile number copying the bank's text
      expect(codes).not.toContain('888888'); // 신한's code is not for a KB account
      expect(codes).not.toContain('777777'); // another SIM
      expect(codes).not.toContain('666666'); // older than VERIFICATION_WINDOW_HOURS
      expect(codes).not.toContain('111111'); // before this account got the number
    });
  });

  it("should answer 404 for another merchant's account and 401 without a key", async () => {
    await viewer(kbAccountId, stranger, 404);
    await viewer(kbAccountId, { Authorization: 'Bearer ipg_nope' }, 401);
    await viewer('00000000-0000-4000-8000-000000000000', owner, 404);
  });
});
