import { PDU_V01, PDU_V03, waitFor } from 'src/modem/testing/harness';
import { rig } from './helpers';

describe('+CMTI → CMGR → sink → CMGD', () => {
  it('should read, hand to the sink, and delete only after the sink resolved', async () => {
    const { supervisor, modem, sink, log } = rig();
    await supervisor.start();
    await supervisor.sweepNow();
    let release!: () => void;
    sink.behaviour = () => new Promise<void>((resolve) => (release = resolve));
    const index = modem.deliver(PDU_V01);
    await waitFor(() => sink.calls.length === 1, 2_000, 'sink call');
    await new Promise((r) => setTimeout(r, 30));
    expect(log).not.toContain(`AT+CMGD=${index}`);
    expect(modem.storage.has(index)).toBe(true);
    release();
    await waitFor(() => log.includes(`AT+CMGD=${index}`), 2_000, 'CMGD');
    const tail = log.slice(log.indexOf(`AT+CMGR=${index}`));
    expect(tail).toEqual([`AT+CMGR=${index}`, `sink:${index}`, `committed:${index}`, `AT+CMGD=${index}`]);
    expect(modem.storage.size).toBe(0);
    expect(sink.accepted[0]).toMatchObject({
      port: '/dev/fake0',
      imei: '861234567890123',
      iccid: '8982012345678901234',
      imsi: '450051234567890',
      storage: 'SM',
      index,
      status: 0,
      pdu: PDU_V01,
    });
    expect(sink.accepted[0].readAt).toBeInstanceOf(Date);
    expect(supervisor.snapshot().lastSmsAt).toBeInstanceOf(Date);
    await supervisor.stop();
  });

  it('should serialise reads of several indications in arrival order', async () => {
    const { supervisor, modem, sink, log } = rig();
    await supervisor.start();
    await supervisor.sweepNow();
    const a = modem.deliver(PDU_V01);
    const b = modem.deliver(PDU_V03);
    await waitFor(() => sink.accepted.length === 2 && modem.storage.size === 0);
    const relevant = log.filter((l) => /CMGR|CMGD|sink|committed/.test(l));
    expect(relevant).toEqual([
      `AT+CMGR=${a}`,
      `sink:${a}`,
      `committed:${a}`,
      `AT+CMGD=${a}`,
      `AT+CMGR=${b}`,
      `sink:${b}`,
      `committed:${b}`,
      `AT+CMGD=${b}`,
    ]);
    await supervisor.stop();
  });

  it('should read the storage named in the +CMTI', async () => {
    const { supervisor, modem, sink, log } = rig();
    await supervisor.start();
    await supervisor.sweepNow();
    modem.storage.set(2, { status: 0, pdu: PDU_V03 });
    modem.emit('+CMTI: "ME",2');
    await waitFor(() => log.includes('AT+CMGD=2'));
    expect(log).toContain('AT+CPMS="ME"');
    expect(sink.accepted[0]).toMatchObject({ storage: 'ME', index: 2 });
    await supervisor.stop();
  });
});
