import request from 'supertest';
import { DataSource } from 'typeorm';
import { encodeSmsDeliver } from 'hardware/simulator/pdu-encoder';
import { RawStoredSms } from 'src/modem/modem.types';
import { NumbersService } from 'src/numbers/numbers.service';
import { InboundSmsEntity } from 'src/sms/inbound-sms.entity';
import { SmsInboxService } from 'src/sms/sms-inbox.service';
import {
  createTestDatabase,
  startTestGateway,
  TEST_ADMIN_TOKEN,
  TestGateway,
  waitFor,
} from 'test/utils/test-gateway';

/** The inbox against real PostgreSQL: what the modem layer relies on before it deletes from the SIM. */
describe('SmsInboxService', () => {
  const ICCID = '8982300000000000001';
  let database: { url: string; drop: () => Promise<void> };
  let gateway: TestGateway;
  let inbox: SmsInboxService;
  let dataSource: DataSource;
  let index = 0;

  const raw = (pdu: string): RawStoredSms => ({
    port: '/dev/ttyTEST0',
    imei: '356938035643809',
    iccid: ICCID,
    imsi: '450050000000001',
    storage: 'SM',
    index: index++,
    status: 0,
    pdu,
    readAt: new Date(),
  });
  const stored = () => dataSource.getRepository(InboundSmsEntity).find({ order: { id: 'ASC' } });

  beforeAll(async () => {
    database = await createTestDatabase();
    gateway = await startTestGateway({ databaseUrl: database.url });
    inbox = gateway.app.get(SmsInboxService);
    dataSource = gateway.app.get(DataSource);
    await gateway.app
      .get(NumbersService)
      .registerSeenSim({ iccid: ICCID, imsi: null, ownNumber: '+821055500001', modemId: null });
  }, 30_000);

  afterAll(async () => {
    await gateway?.close();
    await database?.drop();
  });

  beforeEach(async () => {
    await dataSource.query('TRUNCATE inbound_sms, sms_parts RESTART IDENTITY CASCADE');
  });

  it('should store a message read twice (restart before delete, re-delivery via another SMSC) once', async () => {
    const timestamp = new Date('2026-07-04T06:24:00Z');
    const [first] = encodeSmsDeliver({
      sender: '16449999',
      text: '[KB]07/04 15:24\n123456**789\n홍길동\n출금\n1,000',
      timestamp,
    });
    const [viaOtherSmsc] = encodeSmsDeliver({
      sender: '16449999',
      text: '[KB]07/04 15:24\n123456**789\n홍길동\n출금\n1,000',
      timestamp,
      smsc: '+821020000000',
    });
    await inbox.accept(raw(first.pdu));
    await inbox.accept(raw(first.pdu));
    await inbox.accept(raw(viaOtherSmsc.pdu));
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0].sender).toBe('16449999');
    expect(rows[0].simId).not.toBeNull();
  });

  it('should assemble a concatenated message whose parts arrive out of order, and only once', async () => {
    const text = `[Web발신]\n${'가나다라마바사아자차카타파하'.repeat(8)}`;
    const parts = encodeSmsDeliver({ sender: '16449999', text, reference: 77 });
    expect(parts.length).toBeGreaterThan(1);
    for (const part of [...parts].reverse()) await inbox.accept(raw(part.pdu));
    await inbox.accept(raw(parts[0].pdu)); // a part read again after assembly
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0].text).toBe(text);
    expect(rows[0].pdus).toHaveLength(parts.length);
  });

  it('should keep a PDU it cannot decode, with the reason, instead of losing it', async () => {
    // A real PDU (V01) cut inside its originating address.
    await inbox.accept(raw('07911326040000F0040B9113466100'));
    const [row] = await stored();
    expect(row.status).toBe('undecodable');
    expect(row.error).toMatch(/PDU|length|truncated|decode/i);
    expect(row.pdus).toHaveLength(1);
  });

  it('should reject (so the modem keeps the SMS on the SIM) while the database is unreachable', async () => {
    const [pdu] = encodeSmsDeliver({ sender: '16449999', text: 'db down test' });
    const spy = jest
      .spyOn(dataSource, 'transaction')
      .mockRejectedValueOnce(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    await expect(inbox.accept(raw(pdu.pdu))).rejects.toThrow('ECONNREFUSED');
    spy.mockRestore();
    expect(await stored()).toHaveLength(0);
    await inbox.accept(raw(pdu.pdu)); // the periodic sweep reads it again
    expect(await stored()).toHaveLength(1);
  });

  it('should store again once PostgreSQL dropped every connection (a restart), retrying what failed', async () => {
    const [pdu] = encodeSmsDeliver({ sender: '16449999', text: 'after restart' });
    await dataSource.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    // The first use of a killed pooled connection may fail; the modem keeps the SMS and reads it again.
    await inbox.accept(raw(pdu.pdu)).catch(() => inbox.accept(raw(pdu.pdu)));
    await inbox.accept(raw(pdu.pdu)).catch(() => undefined);
    expect((await stored()).filter((row) => row.text === 'after restart')).toHaveLength(1);
  });

  it('should list stored SMS with their outcome for the operator, newest first', async () => {
    const [withdrawal] = encodeSmsDeliver({
      sender: '16449999',
      text: '[KB]07/07 18:29\n123456**314\n박민수\n출금\n2,960,000\n잔액560,000',
    });
    const [spam] = encodeSmsDeliver({ sender: '01012345678', text: '광고 문자입니다' });
    await inbox.accept(raw(withdrawal.pdu));
    await inbox.accept(raw(spam.pdu));
    const page = await waitFor(async () => {
      const response = await request(gateway.url)
        .get('/api/v1/admin/inbound-sms?page=1&pageSize=10')
        .set({ Authorization: `Bearer ${TEST_ADMIN_TOKEN}` })
        .expect(200);
      const body = response.body as { total: number; items: { status: string; sender: string }[] };
      return body.items.every((item) => item.status !== 'received') ? body : null;
    });
    expect(page.total).toBe(2);
    expect(page.items.map((item) => item.sender)).toEqual(['01012345678', '16449999']);
    expect(page.items[1].status).toBe('withdrawal');
    await request(gateway.url)
      .get('/api/v1/admin/inbound-sms?status=bogus')
      .set({ Authorization: `Bearer ${TEST_ADMIN_TOKEN}` })
      .expect(400);
    await request(gateway.url).get('/api/v1/admin/inbound-sms').expect(401);
  });
});
