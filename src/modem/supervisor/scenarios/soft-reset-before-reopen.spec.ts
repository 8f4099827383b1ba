import { waitFor } from 'src/modem/testing/harness';
import { rig } from './helpers';

describe('soft reset in the recovery ladder', () => {
  it('should send the profile reset after repeated timeouts, before reopening the port', async () => {
    const { supervisor, modem } = rig({ commandTimeoutMs: 30 });
    let opensAtReset = -1;
    modem.on(/^AT\+CFUN=1,1$/, (fake) => {
      opensAtReset = fake.transport.openCount;
      return ['OK'];
    });
    await supervisor.start();
    const resets: string[] = [];
    supervisor.on('ModemReset', (info) => resets.push(info.command));
    modem.on(/^AT\+CMGL=4$/, 'silent', 2);
    await supervisor.sweepNow();
    await supervisor.sweepNow();
    await waitFor(() => modem.transport.openCount === 2 && supervisor.state === 'ready', 3_000, 'reopened');
    expect(resets).toEqual(['AT+CFUN=1,1']);
    expect(opensAtReset).toBe(1);
    await supervisor.stop();
  });

  it('should try the next reset command when the first is refused (Huawei AT^RESET, then CFUN)', async () => {
    const { supervisor, modem } = rig({ commandTimeoutMs: 30 }, (m) => {
      m.identity.manufacturer = 'huawei';
      m.identity.model = 'E3372';
      m.identity.iccid = '8982012345678901234';
      m.on(/^AT\^ICCID\?$/, ['^ICCID: 8982012345678901234', 'OK']);
    });
    await supervisor.start();
    const resets: string[] = [];
    supervisor.on('ModemReset', (info) => resets.push(info.command));
    modem.on(/^AT\+CMGL=4$/, 'silent', 2);
    modem.on(/^AT\^RESET$/, ['ERROR'], 1);
    modem.on(/^AT\+CFUN=1,1$/, ['OK'], 1);
    await supervisor.sweepNow();
    await supervisor.sweepNow();
    await waitFor(() => modem.transport.openCount === 2 && supervisor.state === 'ready', 3_000, 'reopened');
    expect(modem.commands.filter((c) => /^AT(\^RESET|\+CFUN=1,1)$/.test(c))).toEqual([
      'AT^RESET',
      'AT+CFUN=1,1',
    ]);
    expect(resets).toEqual(['AT+CFUN=1,1']);
    await supervisor.stop();
  });

  it('should still reopen when the hung modem ignores the reset too', async () => {
    const { supervisor, modem } = rig({ commandTimeoutMs: 30 });
    await supervisor.start();
    modem.on(/.*/, 'silent');
    void supervisor.sweepNow();
    await waitFor(() => modem.commands.includes('AT+CFUN=1,1'), 2_000, 'reset attempted');
    await waitFor(() => supervisor.state === 'recovering', 2_000, 'recovering');
    modem.clearOverrides();
    await waitFor(() => supervisor.state === 'ready', 3_000, 'ready after reopen');
    expect(modem.transport.openCount).toBeGreaterThanOrEqual(2);
    await supervisor.stop();
  });
});
