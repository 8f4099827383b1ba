import { waitFor } from 'src/modem/testing/harness';
import { rig } from './helpers';

describe('hang detection', () => {
  it('should probe with AT after a timeout and reopen the port when the modem stays silent', async () => {
    const { supervisor, modem } = rig({ commandTimeoutMs: 30 });
    await supervisor.start();
    await supervisor.sweepNow();
    modem.on(/.*/, 'silent');
    const states: string[] = [];
    supervisor.on('ModemUpdated', (s) => states.push(s.state));
    void supervisor.sweepNow();
    await waitFor(() => states.includes('recovering'), 2_000, 'recovering');
    expect(supervisor.snapshot().lastError).toMatch(/hang|does not answer/);
    modem.clearOverrides();
    await waitFor(() => supervisor.state === 'ready', 3_000, 'ready after reopen');
    expect(modem.transport.openCount).toBeGreaterThanOrEqual(2);
    await supervisor.stop();
  });

  it('should keep the port when a single timeout is followed by a good AT probe', async () => {
    const { supervisor, modem } = rig({ commandTimeoutMs: 30 });
    await supervisor.start();
    await supervisor.sweepNow();
    modem.on(/^AT\+CMGL=4$/, 'silent', 1);
    await supervisor.sweepNow();
    await supervisor.sweepNow();
    expect(supervisor.state).toBe('ready');
    expect(modem.transport.openCount).toBe(1);
    await supervisor.stop();
  });
});
