import { PDU_V01, PDU_V03, waitFor } from 'src/modem/testing/harness';
import { rig } from './helpers';

describe('CMGD timeout', () => {
  it('should re-read the slot and delete only if it still holds the same PDU', async () => {
    const { supervisor, modem, sink, log } = rig({ commandTimeoutMs: 40, maxConsecutiveTimeouts: 5 });
    await supervisor.start();
    await supervisor.sweepNow();
    modem.on(/^AT\+CMGD=1$/, 'silent', 1);
    modem.deliver(PDU_V01, { index: 1 });
    await waitFor(() => modem.storage.size === 0, 2_000, 'deleted');
    const tail = log.slice(log.indexOf('AT+CMGR=1'));
    expect(tail.filter((l) => l.startsWith('AT+CMG'))).toEqual([
      'AT+CMGR=1',
      'AT+CMGD=1',
      'AT+CMGR=1',
      'AT+CMGD=1',
    ]);
    expect(sink.accepted).toHaveLength(1);
    await supervisor.stop();
  });

  it('should not delete a different message that took the slot; it processes that one instead', async () => {
    const { supervisor, modem, sink, log } = rig({ commandTimeoutMs: 40, maxConsecutiveTimeouts: 5 });
    await supervisor.start();
    await supervisor.sweepNow();
    // The delete went through but the OK was lost, and a new SMS landed in slot 1 meanwhile.
    modem.on(
      /^AT\+CMGD=1$/,
      (m) => {
        m.storage.set(1, { status: 0, pdu: PDU_V03 });
        return 'silent';
      },
      1,
    );
    modem.deliver(PDU_V01, { index: 1 });
    await waitFor(() => sink.accepted.length === 2 && modem.storage.size === 0, 2_000, 'both handled');
    expect(sink.accepted.map((s) => s.pdu)).toEqual([PDU_V01, PDU_V03]);
    expect(log.filter((l) => l === 'AT+CMGD=1')).toHaveLength(2);
    await supervisor.stop();
  });
});
