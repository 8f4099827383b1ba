import { PDU_V01, waitFor } from 'src/modem/testing/harness';
import { rig } from './helpers';

describe('repeated +CMTI', () => {
  it('should process an index once when its +CMTI repeats while it is being handled', async () => {
    const { supervisor, modem, sink, log } = rig();
    await supervisor.start();
    await supervisor.sweepNow();
    let release!: () => void;
    sink.behaviour = () => new Promise<void>((resolve) => (release = resolve));
    const index = modem.deliver(PDU_V01);
    modem.emit(`+CMTI: "SM",${index}`, `+CMTI: "SM",${index}`);
    await waitFor(() => sink.calls.length === 1);
    modem.emit(`+CMTI: "SM",${index}`);
    await new Promise((r) => setTimeout(r, 20));
    release();
    await waitFor(() => log.includes(`AT+CMGD=${index}`));
    await new Promise((r) => setTimeout(r, 30));
    expect(sink.calls).toHaveLength(1);
    expect(log.filter((l) => l === `AT+CMGR=${index}`)).toHaveLength(1);
    await supervisor.stop();
  });

  it('should read messages stored before start with the boot sweep', async () => {
    const { supervisor, modem, sink } = rig({}, (m) => {
      m.storage.set(1, { status: 1, pdu: PDU_V01 });
      m.storage.set(4, { status: 0, pdu: PDU_V01 });
    });
    await supervisor.start();
    await waitFor(() => modem.storage.size === 0);
    expect(sink.accepted.map((s) => s.index)).toEqual([1, 4]);
    await supervisor.stop();
  });
});
