import { PDU_V01, PDU_V20, waitFor } from 'src/modem/testing/harness';
import { STORAGE_FULL_ALARM } from 'src/modem/supervisor/modem-supervisor';
import { StorageFullAlarm } from 'src/modem/modem.events';
import { rig } from './helpers';

describe('storage full', () => {
  it('should raise an alarm when CPMS reports used == total', async () => {
    const { supervisor, sink } = rig({}, (m) => {
      m.capacity = 2;
      // Messages the sink keeps refusing fill the storage.
      m.storage.set(1, { status: 1, pdu: PDU_V01 });
      m.storage.set(2, { status: 1, pdu: PDU_V01 });
    });
    const alarms: StorageFullAlarm[] = [];
    supervisor.on('StorageFull', (a) => alarms.push(a));
    sink.behaviour = () => Promise.reject(new Error('db down'));
    await supervisor.start();
    expect(alarms[0]).toMatchObject({ port: '/dev/fake0', used: 2, total: 2 });
    expect(supervisor.snapshot()).toMatchObject({ storageUsed: 2, storageTotal: 2 });
    await supervisor.stop();
  });

  it('should show the alarm in lastError and clear it once the sweep drained the storage', async () => {
    const { supervisor, sink, modem } = rig({}, (m) => {
      m.capacity = 2;
      m.storage.set(1, { status: 1, pdu: PDU_V01 });
      m.storage.set(2, { status: 1, pdu: PDU_V20 });
    });
    sink.behaviour = () => Promise.reject(new Error('db down'));
    await supervisor.start();
    expect(supervisor.snapshot().lastError).toBe(STORAGE_FULL_ALARM);
    sink.behaviour = () => Promise.resolve();
    await supervisor.sweepNow();
    expect(modem.storage.size).toBe(0);
    expect(supervisor.snapshot()).toMatchObject({ storageUsed: 0, storageTotal: 2, lastError: null });
    await supervisor.stop();
  });

  it('should raise an alarm on +CMS ERROR: 322 and on ^SMMEMFULL', async () => {
    const { supervisor, modem } = rig();
    const alarms: StorageFullAlarm[] = [];
    supervisor.on('StorageFull', (a) => alarms.push(a));
    await supervisor.start();
    await supervisor.sweepNow();
    modem.emit('^SMMEMFULL: "SM"');
    await waitFor(() => alarms.length === 1);
    expect(alarms[0].source).toContain('SMMEMFULL');
    await supervisor.stop();

    const second = rig({}, (m) => m.on(/^AT\+CMGL=4$/, ['+CMS ERROR: 322']));
    const more: StorageFullAlarm[] = [];
    second.supervisor.on('StorageFull', (a) => more.push(a));
    await second.supervisor.start();
    await second.supervisor.sweepNow();
    expect(more[0].source).toContain('322');
    await second.supervisor.stop();
  });
});
