import { EventEmitter } from 'node:events';

import { Logger } from 'src/common/logger';

import { ModemPoolEvents } from './modem.events';
import { InboundSmsSink, ModemOptions, ModemSnapshot, resolveModemOptions } from './modem.types';
import { ModemProfile } from './profiles/modem-profile';
import { ModemSupervisor } from './supervisor/modem-supervisor';
import { ModemTransport } from './transport/modem-transport';
import { transportFactory } from './transport/transport.factory';

export interface ModemPoolOptions {
  ports: string[];
  baudRate: number;
  sink: InboundSmsSink;
  logger: Logger;
  options?: Partial<ModemOptions>;
  transportFactory?: (port: string) => ModemTransport;
  profiles?: readonly ModemProfile[];
}

/**
 * One {@link ModemSupervisor} per configured port. Modems are independent: a port that fails to open,
 * hangs or is unplugged never blocks another (each has its own engine, queue and reconnect loop).
 */
export class ModemPool extends EventEmitter<ModemPoolEvents> {
  private readonly supervisors = new Map<string, ModemSupervisor>();

  constructor(opts: ModemPoolOptions) {
    super();
    const options = resolveModemOptions(opts.options);
    const factory = opts.transportFactory ?? transportFactory({ baudRate: opts.baudRate });
    for (const port of new Set(opts.ports.map((p) => p.trim()).filter((p) => p !== ''))) {
      const supervisor = new ModemSupervisor({
        port,
        transportFactory: factory,
        sink: opts.sink,
        logger: opts.logger,
        options,
        profiles: opts.profiles,
      });
      supervisor.on('ModemUpdated', (snapshot) => this.emitSafely('modemUpdated', snapshot));
      supervisor.on('StorageFull', (alarm) => this.emitSafely('storageFull', alarm));
      supervisor.on('ModemRebooted', (info) => this.emitSafely('modemRebooted', info));
      this.supervisors.set(port, supervisor);
    }
    this.logger = opts.logger;
  }

  private readonly logger: Logger;

  /** Returns once every port was attempted (opened + initialised, or failed once); never throws. */
  async start(): Promise<void> {
    await Promise.allSettled([...this.supervisors.values()].map((s) => s.start()));
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.supervisors.values()].map((s) => s.stop()));
  }

  snapshots(): ModemSnapshot[] {
    return [...this.supervisors.values()].map((s) => s.snapshot());
  }

  /** Sweeps one port (or all) now; resolves when done. Unknown ports are ignored. */
  async sweepNow(port?: string): Promise<void> {
    const targets =
      port === undefined ? [...this.supervisors.values()] : [this.supervisors.get(port)].filter(Boolean);
    await Promise.allSettled(targets.map((s) => s!.sweepNow()));
  }

  supervisor(port: string): ModemSupervisor | undefined {
    return this.supervisors.get(port);
  }

  /** A listener that throws must not break the supervisor that emitted. */
  private emitSafely<K extends keyof ModemPoolEvents>(event: K, ...args: ModemPoolEvents[K]): void {
    for (const listener of this.listeners(event)) {
      try {
        (listener as (...a: unknown[]) => void)(...args);
      } catch (error) {
        this.logger.error({ err: error, event }, 'modem pool listener threw');
      }
    }
  }
}
