import { waitFor } from 'src/modem/testing/harness';
import { rig } from './helpers';

describe('modem reboot', () => {
  it.each(['RDY', 'SMS Ready', '+QIND: SMS DONE'])(
    'should re-initialise after the boot banner %s',
    async (banner) => {
      const { supervisor, modem } = rig();
      await supervisor.start();
      await supervisor.sweepNow();
      const reboots: string[] = [];
      supervisor.on('ModemRebooted', (info) => reboots.push(info.evidence));
      const before = modem.commands.filter((c) => c === 'ATE0').length;
      modem.echo = true;
      modem.emit(banner);
      await waitFor(() => modem.commands.filter((c) => c === 'ATE0').length === before + 1, 2_000, 're-init');
      await waitFor(() => supervisor.state === 'ready');
      expect(reboots).toEqual([banner]);
      expect(modem.echo).toBe(false);
      await supervisor.stop();
    },
  );

  it('should re-initialise when echo comes back on', async () => {
    const { supervisor, modem } = rig();
    await supervisor.start();
    await supervisor.sweepNow();
    modem.echo = true; // silent reboot: no banner seen, but commands are echoed again
    await supervisor.sweepNow();
    await waitFor(() => modem.commands.filter((c) => c === 'ATE0').length === 2, 2_000, 're-init');
    await waitFor(() => supervisor.state === 'ready');
    expect(modem.echo).toBe(false);
    await supervisor.stop();
  });
});
