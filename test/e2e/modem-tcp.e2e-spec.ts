import request from 'supertest';
import { Simulator } from 'hardware/simulator/simulator';
import {
  closeAll,
  internationalNumber,
  kbDeposit,
  merchantWithKbAccount,
  modemsReady,
} from 'test/e2e/modem-helpers';
import { decodeCallbackQuery } from 'test/utils/callback-query';
import { MerchantReceiver } from 'test/utils/merchant-receiver';
import { createTestDatabase, startTestGateway, TestGateway, waitFor } from 'test/utils/test-gateway';

/**
 * `tcp://host:port` ports (ser2net, networked modem pools) work like serial ones: the simulator
 * serves its modems on loopback tcp only (no pty), and a deposit reaches the merchant like the spine.
 * One of the two is a Wavecom, which answers `AT+CPIN?` without OK.
 */
describe('modems over tcp://', () => {
  let simulator: Simulator;
  let receiver: MerchantReceiver;
  let gateway: TestGateway;
  let database: { url: string; drop: () => Promise<void> };

  beforeAll(async () => {
    database = await createTestDatabase();
    simulator = await Simulator.start({
      modems: 2,
      tcp: true,
      pty: false,
      personality: ['generic', 'wavecom'],
      phoneNumbers: ['+821055502001', '+821055502002'],
    });
    receiver = await MerchantReceiver.start();
    gateway = await startTestGateway({
      databaseUrl: database.url,
      env: { MODEMS: simulator.modems.map((modem) => modem.tcpUrl!).join(',') },
    });
  }, 60_000);

  afterAll(() => closeAll(gateway, simulator, receiver, database));

  it('should bring up both tcp modems, the Wavecom included', async () => {
    const modems = await modemsReady(gateway.url, 2);
    expect(modems.map((modem) => modem.port).sort()).toEqual(
      simulator.modems.map((modem) => modem.tcpUrl).sort(),
    );
    const wavecom = modems.find((modem) => modem.port === simulator.info('sim1').tcpUrl)!;
    expect(wavecom).toMatchObject({ state: 'ready', manufacturer: 'WAVECOM MODEM', lastError: null });
  });

  it('should turn a deposit SMS read over tcp into a merchant callback and delete it from the SIM', async () => {
    await modemsReady(gateway.url, 2);
    const { apiKey, notificationNumber } = await merchantWithKbAccount(gateway.url, receiver.url);
    const modem = simulator.modems.find((m) => m.phoneNumber === internationalNumber(notificationNumber))!;
    await simulator.injectSms(modem.id, {
      sender: '16449999',
      text: kbDeposit('김티씨', '42,000', '1,042,000'),
    });
    await receiver.waitForCalls(1);
    const params = decodeCallbackQuery(receiver.calls[0].rawUrl, 'UTF-8');
    expect(params).toMatchObject({ price: '42000', name: '김티씨', bankcode: '004' });
    const deposit = await waitFor(async () => {
      const response = await request(gateway.url)
        .get(`/api/v1/deposits/${params.tid}`)
        .set({ Authorization: `Bearer ${apiKey}` });
      return response.status === 200 && (response.body as { status: string }).status === 'success'
        ? (response.body as Record<string, unknown>)
        : null;
    });
    expect(deposit).toMatchObject({ amount: 42000, depositorName: '김티씨' });
    expect(simulator.storage(modem.id)).toEqual([]);
    const log = simulator.commandLog(modem.id).filter((entry) => entry.dir === 'in');
    expect(log.some((entry) => /^AT\+CMGD=\d+$/.test(entry.line))).toBe(true);
  });
});
