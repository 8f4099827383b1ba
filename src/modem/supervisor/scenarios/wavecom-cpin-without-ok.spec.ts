import { PDU_V20, waitFor } from 'src/modem/testing/harness';
import { rig } from './helpers';

describe('Wavecom answers AT+CPIN? without OK', () => {
  it('should take the +CPIN line alone as the answer and reach ready', async () => {
    const { supervisor, modem, sink } = rig({}, (m) => {
      m.identity.manufacturer = 'WAVECOM MODEM';
      m.identity.model = 'MULTIBAND  900E  1800';
      m.on(/^AT\+CPIN\?$/, ['+CPIN: READY']);
    });
    await supervisor.start();
    expect(supervisor.state).toBe('ready');
    expect(supervisor.snapshot().lastError).toBeNull();
    modem.deliver(PDU_V20);
    await waitFor(() => sink.accepted.length === 1 && modem.storage.size === 0, 2_000, 'read and deleted');
    await supervisor.stop();
  });

  it('should not let a late OK after the +CPIN line complete the next command', async () => {
    const { supervisor, modem } = rig({}, (m) => {
      // The OK comes long after the quiet window: it must be drained, not taken as AT+CMGF's answer.
      m.on(/^AT\+CPIN\?$/, (fake) => {
        setTimeout(() => fake.emit('OK'), 350);
        return ['+CPIN: READY'];
      });
      m.on(/^AT\+CMGF=0$/, (fake) => {
        setTimeout(() => fake.emit('OK'), 20);
        return 'silent';
      });
    });
    await supervisor.start();
    expect(supervisor.state).toBe('ready');
    const afterCpin = modem.commands.slice(modem.commands.indexOf('AT+CPIN?') + 1);
    // A resync AT sits between the +CPIN exchange and the next command.
    expect(afterCpin[0]).toBe('AT');
    await supervisor.stop();
  });

  it('should still fail clearly when the +CPIN line says the SIM needs a PIN', async () => {
    const { supervisor, modem } = rig({}, (m) => m.on(/^AT\+CPIN\?$/, ['+CPIN: SIM PIN']));
    await supervisor.start();
    expect(supervisor.state).not.toBe('ready');
    expect(supervisor.snapshot().lastError).toMatch(/SIM PIN/);
    expect(modem.commands.some((c) => c.startsWith('AT+CPIN='))).toBe(false);
    await supervisor.stop();
  });
});
