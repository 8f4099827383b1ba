import { ModemSnapshot } from './modem.types';
import { ModemPool } from './modem-pool';
import { FakeModem } from './testing/fake-modem';
import { FAST_OPTIONS, PDU_V01, RecordingSink, SILENT_LOGGER, waitFor } from './testing/harness';
import { MemoryTransport } from './transport/memory.transport';

describe('ModemPool', () => {
  it('should run modems independently: a dead port never blocks a working one', async () => {
    const good = new FakeModem(new MemoryTransport('/dev/good'));
    const silent = new MemoryTransport('/dev/silent'); // opens but never answers (hung stick)
    const missing = new MemoryTransport('/dev/missing');
    missing.failOpens = Infinity;
    const transports: Record<string, MemoryTransport> = {
      '/dev/good': good.transport,
      '/dev/silent': silent,
      '/dev/missing': missing,
    };
    const sink = new RecordingSink();
    const pool = new ModemPool({
      ports: ['/dev/silent', '/dev/missing', '/dev/good'],
      baudRate: 115200,
      sink,
      logger: SILENT_LOGGER,
      options: { ...FAST_OPTIONS, commandTimeoutMs: 30, reconnectMinMs: 50, reconnectMaxMs: 100 },
      transportFactory: (port) => transports[port],
    });
    const updates: ModemSnapshot[] = [];
    pool.on('modemUpdated', (s) => updates.push(s));
    await pool.start();
    const byPort = Object.fromEntries(pool.snapshots().map((s) => [s.port, s.state]));
    expect(byPort['/dev/good']).toBe('ready');
    expect(['recovering', 'failed']).toContain(byPort['/dev/silent']);
    expect(['recovering', 'failed']).toContain(byPort['/dev/missing']);

    good.deliver(PDU_V01);
    await waitFor(() => sink.accepted.length === 1);
    expect(sink.accepted[0].port).toBe('/dev/good');
    expect(updates.some((u) => u.port === '/dev/good' && u.state === 'ready')).toBe(true);

    await pool.sweepNow('/dev/good');
    await pool.sweepNow();
    await pool.stop();
    expect(pool.snapshots().every((s) => s.state === 'closed')).toBe(true);
  });
});
