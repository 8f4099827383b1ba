import { PDU_V01, waitFor } from 'src/modem/testing/harness';
import { rig } from './helpers';

describe('sink rejection', () => {
  it('should leave the message on the SIM and retry it on the next sweep', async () => {
    const { supervisor, modem, sink, log } = rig();
    await supervisor.start();
    await supervisor.sweepNow();
    sink.behaviour = () => Promise.reject(new Error('database down'));
    const index = modem.deliver(PDU_V01);
    await waitFor(() => sink.calls.length === 1);
    await new Promise((r) => setTimeout(r, 30));
    expect(log.some((l) => l.startsWith('AT+CMGD'))).toBe(false);
    expect(modem.storage.has(index)).toBe(true);
    expect(supervisor.snapshot().lastError).toContain('database down');

    sink.behaviour = () => Promise.resolve();
    await supervisor.sweepNow();
    expect(sink.accepted).toHaveLength(1);
    expect(log).toContain(`AT+CMGD=${index}`);
    expect(modem.storage.size).toBe(0);
    await supervisor.stop();
  });

  it('should treat a sink that never answers as not committed', async () => {
    const { supervisor, modem, sink, log } = rig({ sinkTimeoutMs: 30 });
    await supervisor.start();
    await supervisor.sweepNow();
    sink.behaviour = () => new Promise<void>(() => undefined);
    modem.deliver(PDU_V01);
    await waitFor(() => (supervisor.snapshot().lastError ?? '').includes('did not commit'));
    expect(log.some((l) => l.startsWith('AT+CMGD'))).toBe(false);
    await supervisor.stop();
  });
});
