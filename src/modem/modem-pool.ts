import { EventEmitter } from 'node:events';

import { Logger } from 'src/common/logger';

import { ModemPoolEvents } from './modem.events';
import {
  InboundSmsSink,
  ModemOptions,
  ModemSnapshot,
  ResolvedModemOptions,
  resolveModemOptions,
} from './modem.types';
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
  private readonly options: ResolvedModemOptions;
  private readonly factory: (port: string) => ModemTransport;
  private readonly logger: Logger;
  private started = false;

  constructor(private readonly opts: ModemPoolOptions) {
    super();
    this.options = resolveModemOptions(opts.options);
    this.factory = opts.transportFactory ?? transportFactory({ baudRate: opts.baudRate });
    this.logger = opts.logger;
    for (const port of new Set(opts.ports.map((p) => p.trim()).filter((p) => p !== ''))) {
      this.supervisors.set(port, this.createSupervisor(port));
    }
  }

  /** Returns once every port was attempted (opened + initialised, or failed once); never throws. */
  async start(): Promise<void> {
    this.started = true;
    await Promise.allSettled([...this.supervisors.values()].map((s) => s.start()));
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.allSettled([...this.supervisors.values()].map((s) => s.stop()));
  }

  /** Ports the pool runs (configured and attached). */
  ports(): string[] {
    return [...this.supervisors.keys()];
  }

  /**
   * Adds a port found while running (`MODEMS=auto`) and starts it when the pool runs; resolves after
   * its first open/init attempt. False when the pool already has that port.
   */
  async attach(port: string): Promise<boolean> {
    if (this.supervisors.has(port)) {
      return false;
    }
    const supervisor = this.createSupervisor(port);
    this.supervisors.set(port, supervisor);
    if (this.started) {
      await supervisor.start();
    }
    return true;
  }

  /** Stops and forgets a port whose device is gone; its last snapshot says `closed`. */
  async detach(port: string): Promise<boolean> {
    const supervisor = this.supervisors.get(port);
    if (!supervisor) {
      return false;
    }
    this.supervisors.delete(port);
    await supervisor.stop();
    supervisor.removeAllListeners();
    return true;
  }

  private createSupervisor(port: string): ModemSupervisor {
    const supervisor = new ModemSupervisor({
      port,
      transportFactory: this.factory,
      sink: this.opts.sink,
      logger: this.logger,
      options: this.options,
      profiles: this.opts.profiles,
    });
    supervisor.on('ModemUpdated', (snapshot) => this.emitSafely('modemUpdated', snapshot));
    supervisor.on('StorageFull', (alarm) => this.emitSafely('storageFull', alarm));
    supervisor.on('ModemRebooted', (info) => this.emitSafely('modemRebooted', info));
    return supervisor;
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
