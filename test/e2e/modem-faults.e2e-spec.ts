import { Simulator, StorageFullError } from 'hardware/simulator/simulator';
import { AdminModem, adminModems, closeAll, modemsReady, storedRows } from 'test/e2e/modem-helpers';
import { createTestDatabase, startTestGateway, TestGateway, waitFor } from 'test/utils/test-gateway';

/**
 * The modem layer against the faults real modems produce, over real pseudo-terminals: four
 * simulated modems of different vendors, a sweep every second, short command timeouts. Each fault
 * hits one modem; the others keep delivering.
 */
jest.setTimeout(60_000);

describe('modem faults over real ptys', () => {
  const SWEEP_MS = 1000;
  let simulator: Simulator;
  let gateway: TestGateway;
  let database: { url: string; drop: () => Promise<void> };
  let counter = 0;

  const pathOf = (id: string) => simulator.info(id).path;
  const modemRow = async (id: string): Promise<AdminModem> =>
    (await adminModems(gateway.url)).find((modem) => modem.port === pathOf(id))!;
  const waitForModem = (
    id: string,
    check: (modem: AdminModem) => boolean,
    what: string,
    timeoutMs = 20_000,
  ) =>
    waitFor(
      async () => {
        const modem = await modemRow(id);
        return modem && check(modem) ? modem : null;
      },
      timeoutMs,
      `${id}: ${what}`,
    );
  const texts = async () => (await storedRows(database.url)).map((row) => row.text);
  /** Injects one uniquely worded SMS and returns its text. */
  const inject = async (id: string, label: string): Promise<string> => {
    counter += 1;
    const text = `시험 ${label} #${counter}`;
    await simulator.injectSms(id, { sender: '01098765432', text });
    return text;
  };
  const waitStored = (text: string, timeoutMs = 15_000) =>
    waitFor(async () => (await texts()).includes(text), timeoutMs, `"${text}" stored`);
  const inLog = (id: string, match: RegExp) =>
    simulator.commandLog(id).filter((entry) => entry.dir === 'in' && match.test(entry.line));

  beforeAll(async () => {
    database = await createTestDatabase();
    simulator = await Simulator.start({
      modems: 4,
      personality: ['generic', 'huawei', 'wavecom', 'quectel'],
      phoneNumbers: ['+821055503001', '+821055503002', '+821055503003', '+821055503004'],
      noiseIntervalMs: 300,
    });
    gateway = await startTestGateway({
      databaseUrl: database.url,
      env: {
        MODEMS: simulator.modems.map((modem) => modem.path).join(','),
        MODEM_SWEEP_INTERVAL_MS: String(SWEEP_MS),
        MODEM_COMMAND_TIMEOUT_MS: '500',
      },
    });
    await modemsReady(gateway.url, 4, 30_000);
  }, 60_000);

  afterAll(() => closeAll(gateway, simulator, database));

  it('should list every modem with the health fields of the contract', async () => {
    const modems = await adminModems(gateway.url);
    expect(modems).toHaveLength(4);
    for (const info of simulator.modems) {
      const modem = modems.find((row) => row.port === info.path)!;
      expect(modem).toMatchObject({
        nodeId: 'test-node',
        state: 'ready',
        imei: info.imei,
        registration: 'home',
        operator: 'SKTelecom',
        storageUsed: 0,
        storageTotal: 30,
        lastError: null,
      });
      expect(modem.id).toEqual(expect.any(String));
      expect(modem.simId).toEqual(expect.any(String));
      expect(modem.manufacturer).toEqual(expect.any(String));
      expect(modem.model).toEqual(expect.any(String));
      // CSQ 0..31 → -113..-51 dBm
      expect(modem.signal).toBeGreaterThanOrEqual(-113);
      expect(modem.signal).toBeLessThanOrEqual(-51);
      expect(Date.now() - new Date(modem.lastSeenAt!).getTime()).toBeLessThan(120_000);
    }
  });

  it('should find an SMS whose +CMTI was lost with the periodic sweep', async () => {
    simulator.setFaults('sim0', { dropCmti: 1 });
    const text = await inject('sim0', 'lost-cmti');
    await waitStored(text);
    const log = simulator.commandLog('sim0');
    const lostAt = log.findIndex((entry) => entry.line.startsWith('(lost) +CMTI'));
    expect(lostAt).toBeGreaterThanOrEqual(0);
    expect(log.slice(lostAt).some((entry) => entry.dir === 'in' && entry.line === 'AT+CMGL=4')).toBe(true);
    await waitFor(
      () => Promise.resolve(simulator.storage('sim0').length === 0),
      5_000,
      'deleted from the SIM',
    );
  });

  it('should survive garbage on the line and keep reading', async () => {
    simulator.modem('sim1').writeGarbage(64);
    simulator.modem('sim1').writeGarbage(7);
    const text = await inject('sim1', 'after-garbage');
    await waitStored(text);
    expect((await modemRow('sim1')).state).toBe('ready');
  });

  it('should keep a message on the SIM while reads answer +CMS ERROR, and store it once they work again', async () => {
    simulator.setFaults('sim3', { readError: 500 });
    const text = await inject('sim3', 'cms-error-on-read');
    const failing = await waitForModem('sim3', (m) => /500/.test(m.lastError ?? ''), 'read error surfaced');
    expect(failing.state).toBe('ready');
    expect(simulator.storage('sim3')).toHaveLength(1);
    expect(await texts()).not.toContain(text);
    simulator.setFaults('sim3', { readError: 0 });
    await waitStored(text);
    await waitFor(
      () => Promise.resolve(simulator.storage('sim3').length === 0),
      5_000,
      'deleted from the SIM',
    );
    expect((await texts()).filter((t) => t === text)).toHaveLength(1);
  });

  it('should raise the storage-full alarm, then drain the SIM and clear it', async () => {
    // Reads fail, so messages pile up until the SIM is full (what a dead database or a lost
    // indication flood does on a real modem).
    simulator.setFaults('sim3', { readError: 500 });
    const injected: string[] = [];
    for (;;) {
      try {
        injected.push(await inject('sim3', 'fill'));
      } catch (error) {
        expect(error).toBeInstanceOf(StorageFullError);
        break;
      }
    }
    expect(injected).toHaveLength(30);
    const full = await waitForModem(
      'sim3',
      (m) => (m.lastError ?? '').startsWith('message storage full') && m.storageUsed === 30,
      'storage-full alarm',
    );
    expect(full).toMatchObject({ storageUsed: 30, storageTotal: 30 });
    simulator.setFaults('sim3', { readError: 0 });
    const drained = await waitForModem(
      'sim3',
      (m) => m.storageUsed === 0 && m.lastError === null,
      'alarm cleared after draining',
    );
    expect(drained.state).toBe('ready');
    const stored = await texts();
    expect(injected.filter((text) => stored.filter((t) => t === text).length === 1)).toEqual(injected);
    expect(simulator.storage('sim3')).toEqual([]);
  });

  it('should reconnect after an unplug and read again on the same path after the replug', async () => {
    await simulator.unplug('sim2');
    await waitForModem('sim2', (m) => m.state !== 'ready', 'noticed the unplug');
    // Another modem is not held up by the missing one.
    const elsewhere = await inject('sim0', 'while-sim2-unplugged');
    await waitStored(elsewhere);
    expect((await modemRow('sim2')).state).not.toBe('ready');
    await simulator.replug('sim2');
    await waitForModem('sim2', (m) => m.state === 'ready', 'ready after the replug', 30_000);
    const text = await inject('sim2', 'after-replug');
    await waitStored(text);
  });

  it('should detect a hung modem and reopen it, while the others keep delivering', async () => {
    simulator.setFaults('sim1', { hang: true });
    await waitForModem('sim1', (m) => m.state !== 'ready', 'hang detected');
    const elsewhere = await inject('sim0', 'while-sim1-hangs');
    await waitStored(elsewhere);
    expect((await modemRow('sim1')).state).not.toBe('ready');
    simulator.setFaults('sim1', { hang: false });
    await waitForModem('sim1', (m) => m.state === 'ready', 'ready after the hang', 30_000);
    const text = await inject('sim1', 'after-hang');
    await waitStored(text);
  });

  it('should re-initialise after a reboot (banner, echo back on) and keep reading', async () => {
    const before = inLog('sim0', /^ATE0$/).length;
    simulator.reboot('sim0');
    await waitFor(
      () => Promise.resolve(inLog('sim0', /^ATE0$/).length > before),
      10_000,
      're-init after the reboot',
    );
    await waitForModem('sim0', (m) => m.state === 'ready', 'ready after the reboot');
    const text = await inject('sim0', 'after-reboot');
    await waitStored(text);
  });

  it('should show sim_not_ready for a SIM that wants a PIN, never guess one, and recover when it is ready', async () => {
    simulator.setFaults('sim2', { sim: 'SIM PIN' });
    simulator.reboot('sim2');
    const locked = await waitForModem('sim2', (m) => m.state === 'sim_not_ready', 'sim_not_ready');
    expect(locked.lastError).toMatch(/SIM PIN/);
    const elsewhere = await inject('sim3', 'while-sim2-locked');
    await waitStored(elsewhere);
    simulator.setFaults('sim2', { sim: 'READY' });
    await waitForModem('sim2', (m) => m.state === 'ready', 'ready once the SIM is', 30_000);
    expect(inLog('sim2', /^AT\+CPIN=/)).toEqual([]);
    const text = await inject('sim2', 'after-pin');
    await waitStored(text);
  });
});
