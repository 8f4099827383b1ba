import { ModemOptions, resolveModemOptions } from 'src/modem/modem.types';
import { FakeModem } from 'src/modem/testing/fake-modem';
import { FAST_OPTIONS, RecordingSink, SILENT_LOGGER } from 'src/modem/testing/harness';
import { MemoryTransport } from 'src/modem/transport/memory.transport';
import { ModemSupervisor } from 'src/modem/supervisor/modem-supervisor';

export interface Rig {
  modem: FakeModem;
  sink: RecordingSink;
  supervisor: ModemSupervisor;
  /** Modem commands and sink events interleaved, in order. */
  log: string[];
  transports: MemoryTransport[];
}

/** A supervisor over a scripted modem. Each (re)open gets a fresh transport bound to the same modem. */
export function rig(options: Partial<ModemOptions> = {}, configure?: (modem: FakeModem) => void): Rig {
  const log: string[] = [];
  const modem = new FakeModem(new MemoryTransport('/dev/fake0'));
  configure?.(modem);
  const sink = new RecordingSink(log);
  const transports: MemoryTransport[] = [];
  const original = modem.transport;
  const write = original.write.bind(original);
  original.write = async (data) => {
    const cmd = (typeof data === 'string' ? data : data.toString('latin1')).replace(/\r$/, '');
    if (cmd.trim() !== '' && !cmd.startsWith('\x1b')) {
      log.push(cmd);
    }
    return write(data);
  };
  const supervisor = new ModemSupervisor({
    port: '/dev/fake0',
    transportFactory: () => {
      transports.push(original);
      return original;
    },
    sink,
    logger: SILENT_LOGGER,
    options: resolveModemOptions({ ...FAST_OPTIONS, ...options }),
  });
  return { modem, sink, supervisor, log, transports };
}
