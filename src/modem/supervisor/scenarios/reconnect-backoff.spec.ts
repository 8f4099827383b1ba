import { PDU_V01, waitFor } from 'src/modem/testing/harness';
import { rig } from './helpers';

describe('reconnect with backoff', () => {
  it('should retry a port that fails to open and become ready once it opens', async () => {
    const { supervisor, modem } = rig({ reconnectMinMs: 5, reconnectMaxMs: 20, failAfterAttempts: 2 });
    modem.transport.failOpens = 3;
    const states: string[] = [];
    supervisor.on('ModemUpdated', (s) => states.push(s.state));
    await supervisor.start();
    expect(['recovering', 'failed']).toContain(supervisor.state);
    await waitFor(() => supervisor.state === 'ready', 2_000, 'ready');
    expect(modem.transport.openCount).toBe(4);
    expect(states).toContain('failed');
    await supervisor.stop();
  });

  it('should reopen the same port after an unplug and sweep on reconnect', async () => {
    const { supervisor, modem, sink } = rig();
    await supervisor.start();
    await supervisor.sweepNow();
    modem.transport.disconnect();
    await waitFor(() => supervisor.state !== 'ready', 1_000, 'not ready');
    // A message arrives while we are away: no +CMTI reaches us.
    modem.storage.set(7, { status: 0, pdu: PDU_V01 });
    await waitFor(() => supervisor.state === 'ready', 2_000, 'ready again');
    await waitFor(() => sink.accepted.length === 1, 2_000, 'swept');
    expect(sink.accepted[0].index).toBe(7);
    expect(modem.transport.openCount).toBe(2);
    await supervisor.stop();
  });
});
