import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Simulator } from 'hardware/simulator/simulator';
import { scanCommand } from 'src/cli/modem.commands';
import { loadConfig } from 'src/config/env.dto';
import { ModemPool } from 'src/modem/modem-pool';
import { ModemScanner, probeModem } from 'src/modem/modem-scanner';
import { RecordingSink, SILENT_LOGGER, waitFor } from 'src/modem/testing/harness';
import { listSerialPorts, SerialScanOptions } from 'src/modem/transport/serial-port.transport';
import { transportFactory } from 'src/modem/transport/transport.factory';
import { waitFor as waitForAsync } from 'test/utils/test-gateway';

/**
 * `MODEMS=auto` over the simulator's real pseudo-terminals: the scan directories are injected (the
 * simulator's link directory stands in for /dev, a temp dir for /dev/serial/by-id), the probing,
 * attaching and noticing of removed modems is the production code.
 */
describe('MODEMS=auto: scan, probe, attach, notice removal', () => {
  jest.setTimeout(60_000);
  let simulator: Simulator;
  let byId: string;
  let scan: SerialScanOptions;
  let pool: ModemPool;
  let scanner: ModemScanner;
  const sink = new RecordingSink();
  const factory = transportFactory({ baudRate: 115200 });

  beforeAll(async () => {
    simulator = await Simulator.start({ modems: 3, personality: ['generic', 'huawei', 'quectel'] });
    // Something that is not a modem: a file matching the pattern (open fails, never attached).
    await writeFile(join(simulator.dir, 'sim9'), 'not a tty');
    byId = await mkdtemp(join(tmpdir(), 'ipgeum-by-id-'));
    // sim0 also has a stable by-id name: listed once, under that name.
    await symlink(simulator.info('sim0').path, join(byId, 'usb-Ipgeum_Virtual_Modem_0-if02-port0'));
    scan = { byIdDir: byId, devDir: simulator.dir, devPattern: /^sim\d+$/, osList: false };
    pool = new ModemPool({
      ports: [],
      baudRate: 115200,
      sink,
      logger: SILENT_LOGGER,
      options: { commandTimeoutMs: 500, reconnectMinMs: 100, reconnectMaxMs: 500 },
    });
    await pool.start();
    scanner = new ModemScanner({
      pool,
      list: () => listSerialPorts(scan),
      probe: (port) => probeModem(port, factory, 800),
      logger: SILENT_LOGGER,
      intervalMs: 60_000,
      retryFailedAfterMs: 0,
    });
  });

  afterAll(async () => {
    await scanner?.stop();
    await pool?.stop();
    await simulator?.close();
    if (byId) await rm(byId, { recursive: true, force: true });
  });

  it('should list each device once, under its by-id name when it has one', async () => {
    const listed = await listSerialPorts(scan);
    expect(listed.map((port) => port.path)).toEqual([
      join(byId, 'usb-Ipgeum_Virtual_Modem_0-if02-port0'),
      simulator.info('sim1').path,
      simulator.info('sim2').path,
      join(simulator.dir, 'sim9'),
    ]);
    expect(new Set(listed.map((port) => port.realPath)).size).toBe(4);
  });

  it('should attach every port that answers AT and none that does not', async () => {
    const outcome = await scanner.start();
    expect(outcome.attached.sort()).toEqual(
      [
        join(byId, 'usb-Ipgeum_Virtual_Modem_0-if02-port0'),
        simulator.info('sim1').path,
        simulator.info('sim2').path,
      ].sort(),
    );
    expect(pool.ports()).not.toContain(join(simulator.dir, 'sim9'));
    await waitFor(() => pool.snapshots().filter((s) => s.state === 'ready').length === 3, 20_000, '3 ready');
    const imeis = pool
      .snapshots()
      .map((s) => s.imei)
      .sort();
    expect(imeis).toEqual(simulator.modems.map((m) => m.imei).sort());

    await simulator.injectSms('sim1', { sender: '16449999', text: '자동 검색 모뎀' });
    await waitFor(
      () => sink.accepted.some((sms) => sms.port === simulator.info('sim1').path),
      10_000,
      'read',
    );
  });

  it('should attach nothing new on a rescan when nothing changed', async () => {
    expect(await scanner.scanNow()).toEqual({ attached: [], detached: [] });
  });

  it('should detach a modem whose device disappeared and attach it again when it comes back', async () => {
    const path = simulator.info('sim2').path;
    const closed: string[] = [];
    pool.on('modemUpdated', (s) => s.port === path && s.state === 'closed' && closed.push(s.port));
    await simulator.unplug('sim2');
    expect(await scanner.scanNow()).toEqual({ attached: [], detached: [path] });
    expect(pool.ports()).not.toContain(path);
    expect(closed).toEqual([path]);

    await simulator.replug('sim2');
    await waitForAsync(
      async () => (await listSerialPorts(scan)).some((p) => p.path === path),
      5_000,
      'link back',
    );
    const back = await waitForAsync(
      async () => {
        const outcome = await scanner.scanNow();
        return outcome.attached.length > 0 ? outcome : null;
      },
      10_000,
      'attached again',
    );
    expect(back.attached).toEqual([path]);
    await waitFor(() => pool.supervisor(path)?.state === 'ready', 20_000, 'ready again');
  });

  it('should probe the same directories from `ipgeum modems scan`', async () => {
    const other = await Simulator.start({ modems: 1, idPrefix: 'cli' });
    try {
      const output = new PassThrough();
      const chunks: string[] = [];
      output.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
      const code = await scanCommand(loadConfig({}), output, {
        byIdDir: join(other.dir, 'none'),
        devDir: other.dir,
        devPattern: /^cli\d+$/,
        osList: false,
      });
      expect(code).toBe(0);
      const text = chunks.join('');
      expect(text).toContain(other.info('cli0').path);
      expect(text).toContain(`imei=${other.info('cli0').imei}`);
    } finally {
      await other.close();
    }
  });
});
