import { DataSource } from 'typeorm';
import { encodeSmsDeliver } from 'hardware/simulator/pdu-encoder';
import { RawStoredSms } from 'src/modem/modem.types';
import { InboundSmsEntity } from 'src/sms/inbound-sms.entity';
import { SmsInboxService } from 'src/sms/sms-inbox.service';
import { createTestDatabase, startTestGateway, TestGateway, waitFor } from 'test/utils/test-gateway';

/**
 * SMS_MULTIPART_TIMEOUT_MS: a concatenated SMS whose parts never all come is stored with what came,
 * flagged incomplete, never dropped; the parts live in PostgreSQL, so a restart in between is fine.
 */
describe('incomplete concatenated SMS after the multipart timeout', () => {
  const ICCID = '8982300000000000077';
  // Three UCS2 parts (67 characters each); CP949 would fit two.
  const LONG = `${'가'.repeat(67)}${'나'.repeat(67)}${'다'.repeat(20)}`;
  let database: { url: string; drop: () => Promise<void> };
  let gateway: TestGateway | null = null;
  let index = 0;

  const raw = (pdu: string): RawStoredSms => ({
    port: '/dev/ttyTEST7',
    imei: '356938035643809',
    iccid: ICCID,
    imsi: '450050000000077',
    storage: 'SM',
    index: index++,
    status: 0,
    pdu,
    readAt: new Date(),
  });
  const start = async (timeoutMs: number): Promise<TestGateway> => {
    gateway = await startTestGateway({
      databaseUrl: database.url,
      env: { SMS_MULTIPART_TIMEOUT_MS: String(timeoutMs) },
    });
    return gateway;
  };
  const rows = (g: TestGateway) =>
    g.app
      .get(DataSource)
      .getRepository(InboundSmsEntity)
      .find({ order: { id: 'ASC' } });
  const waitingParts = async (g: TestGateway): Promise<number> => {
    const result: { n: number }[] = await g.app
      .get(DataSource)
      .query('SELECT count(*)::int AS n FROM sms_parts WHERE inbound_sms_id IS NULL');
    return result[0].n;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await gateway?.close();
    gateway = null;
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('should store parts 1 and 3 of 3 after the timeout with the text that came, flagged incomplete', async () => {
    const g = await start(600_000);
    await g.app.get(DataSource).query('TRUNCATE inbound_sms, sms_parts RESTART IDENTITY CASCADE');
    const parts = encodeSmsDeliver({ sender: '16449999', text: LONG, reference: 41 });
    expect(parts).toHaveLength(3);
    const inbox = g.app.get(SmsInboxService);
    await inbox.accept(raw(parts[0].pdu));
    await inbox.accept(raw(parts[2].pdu));
    // Not yet: the timeout has not passed.
    expect(await inbox.expireIncompleteMultiparts()).toBe(0);
    expect(await rows(g)).toEqual([]);

    const later = new Date(Date.now() + 600_001);
    expect(await inbox.expireIncompleteMultiparts(later)).toBe(1);
    const stored = await rows(g);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      incomplete: true,
      sender: '16449999',
      text: `${'가'.repeat(67)}${'다'.repeat(20)}`,
      pdus: [parts[0].pdu, parts[2].pdu],
    });
    expect(stored[0].error ?? '').toMatch(/2/);
    expect(await waitingParts(g)).toBe(0);
    // Running again stores nothing more.
    expect(await inbox.expireIncompleteMultiparts(later)).toBe(0);
    expect(await rows(g)).toHaveLength(1);
  });

  it('should never expire a message that completed in time', async () => {
    const g = await start(600_000);
    await g.app.get(DataSource).query('TRUNCATE inbound_sms, sms_parts RESTART IDENTITY CASCADE');
    const parts = encodeSmsDeliver({ sender: '16449999', text: LONG, reference: 42 });
    const inbox = g.app.get(SmsInboxService);
    for (const part of [parts[2], parts[0], parts[1]]) await inbox.accept(raw(part.pdu));
    expect(await inbox.expireIncompleteMultiparts(new Date(Date.now() + 700_000))).toBe(0);
    const stored = await rows(g);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ incomplete: false, text: LONG });
  });

  it('should keep waiting parts across a restart and store them from the periodic job of the next process', async () => {
    const first = await start(600_000);
    await first.app.get(DataSource).query('TRUNCATE inbound_sms, sms_parts RESTART IDENTITY CASCADE');
    const parts = encodeSmsDeliver({ sender: '+821099990000', text: LONG, reference: 43 });
    await first.app.get(SmsInboxService).accept(raw(parts[1].pdu));
    expect(await waitingParts(first)).toBe(1);
    await first.close();
    gateway = null;

    // The next process has a short timeout; nobody calls it: the periodic job finds the old part.
    const second = await start(1_000);
    const stored = await waitFor(
      async () => {
        const found = await rows(second);
        return found.length === 1 ? found : null;
      },
      15_000,
      'the incomplete message stored by the periodic job',
    );
    expect(stored[0]).toMatchObject({ incomplete: true, sender: '01099990000', text: '나'.repeat(67) });
    expect(await waitingParts(second)).toBe(0);
  });
});
