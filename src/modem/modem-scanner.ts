import { realpathSync } from 'node:fs';

import { Logger } from 'src/common/logger';

import { AtEngine } from './at/at-engine';
import { infoCommand, parseImei } from './at/commands/identity.command';
import { ModemPool } from './modem-pool';
import { describeError, ModemTransport } from './transport/modem-transport';
import { SerialPortListing } from './transport/serial-port.transport';

/** The `MODEMS` entry that turns the scanner on. */
export const MODEMS_AUTO = 'auto';

/** What a probe learned from a port that answered `AT`. */
export interface ProbeResult {
  imei: string | null;
}

export interface ModemScannerOptions {
  pool: ModemPool;
  /** Serial ports present now (`listSerialPorts` with the directories to look in). */
  list: () => Promise<SerialPortListing[]>;
  /** `AT` on a port not in use; null when nothing modem-like answered. */
  probe: (port: string) => Promise<ProbeResult | null>;
  logger: Logger;
  /** Period of the rescan that attaches new modems and notices removed ones. */
  intervalMs: number;
  /** A port that did not answer is probed again after this long (a modem still booting). */
  retryFailedAfterMs?: number;
  now?: () => number;
}

export interface ScanOutcome {
  attached: string[];
  detached: string[];
}

/**
 * `MODEMS=auto`: finds serial ports, probes each unknown one with `AT`, attaches the ones that
 * answer to the pool, and detaches ports whose device disappeared. One modem behind two ttys (Huawei
 * and Quectel sticks answer `AT` on more than one interface) is attached once: by IMEI.
 */
export class ModemScanner {
  /** Ports this scanner attached (configured ports are never detached). */
  private readonly attached = new Map<string, { realPath: string; imei: string | null }>();
  private readonly failedAt = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<ScanOutcome> | null = null;
  private stopped = false;
  private readonly log: Logger;

  constructor(private readonly opts: ModemScannerOptions) {
    this.log = opts.logger.child({ component: 'modem-scan' });
  }

  /** Scans once now, then every `intervalMs`. */
  async start(): Promise<ScanOutcome> {
    this.stopped = false;
    const first = await this.scanNow();
    if (!this.stopped) {
      this.timer = setInterval(() => void this.scanNow(), this.opts.intervalMs);
      this.timer.unref();
    }
    return first;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One scan (a scan already running is joined, not doubled). Never throws. */
  scanNow(): Promise<ScanOutcome> {
    this.running ??= this.scan()
      .catch((error: unknown) => {
        this.log.error({ err: error }, 'serial port scan failed');
        return { attached: [], detached: [] };
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  private async scan(): Promise<ScanOutcome> {
    const outcome: ScanOutcome = { attached: [], detached: [] };
    const present = await this.opts.list();
    const presentReal = new Set(present.map((port) => port.realPath));
    for (const [port, info] of [...this.attached]) {
      if (!presentReal.has(info.realPath)) {
        this.attached.delete(port);
        await this.opts.pool.detach(port);
        this.log.warn({ port }, 'modem removed (device gone); detached');
        outcome.detached.push(port);
      }
    }
    const now = (this.opts.now ?? Date.now)();
    const retryAfter = this.opts.retryFailedAfterMs ?? this.opts.intervalMs * 6;
    const busy = this.poolDevices();
    const fresh = present.filter((port) => {
      if (busy.has(port.realPath) || busy.has(port.path)) return false;
      const failed = this.failedAt.get(port.realPath);
      return failed === undefined || now - failed >= retryAfter;
    });
    // Probes run side by side; attaching is sequential so two ttys of one modem are told apart by IMEI.
    const probes = await Promise.all(
      fresh.map(async (port) => ({ port, result: await this.safeProbe(port.path) })),
    );
    for (const { port, result } of probes) {
      if (this.stopped) break;
      if (!result) {
        this.failedAt.set(port.realPath, now);
        continue;
      }
      this.failedAt.delete(port.realPath);
      const twin = result.imei ? this.portWithImei(result.imei) : null;
      if (twin) {
        this.log.info(
          { port: port.path, imei: result.imei, attachedAs: twin },
          'second port of a known modem; skipped',
        );
        continue;
      }
      this.attached.set(port.path, { realPath: port.realPath, imei: result.imei });
      this.log.info({ port: port.path, imei: result.imei }, 'modem found; attaching');
      await this.opts.pool.attach(port.path);
      outcome.attached.push(port.path);
    }
    return outcome;
  }

  private async safeProbe(port: string): Promise<ProbeResult | null> {
    try {
      return await this.opts.probe(port);
    } catch (error) {
      this.log.debug({ port, err: describeError(error) }, 'probe failed');
      return null;
    }
  }

  /** Device nodes (and names) the pool already holds open, configured or attached. */
  private poolDevices(): Set<string> {
    const devices = new Set<string>();
    for (const port of this.opts.pool.ports()) {
      devices.add(port);
      try {
        devices.add(realpathSync(port));
      } catch {
        // tcp:// or a vanished device: the name alone is enough
      }
    }
    return devices;
  }

  private portWithImei(imei: string): string | null {
    for (const [port, info] of this.attached) {
      if (info.imei === imei) return port;
    }
    return this.opts.pool.snapshots().find((snapshot) => snapshot.imei === imei)?.port ?? null;
  }
}

/**
 * Opens a port not in use, resyncs with `AT` (garbage drained), reads the IMEI, closes. Null when
 * nothing answered `AT` within `timeoutMs`.
 */
export async function probeModem(
  port: string,
  transportFactory: (port: string) => ModemTransport,
  timeoutMs: number,
  logger?: Logger,
): Promise<ProbeResult | null> {
  const transport = transportFactory(port);
  await transport.open();
  const engine = new AtEngine(transport, { port, logger, commandTimeoutMs: timeoutMs, guardTimeMs: 0 });
  try {
    if (!(await engine.resync({ timeoutMs }))) {
      return null;
    }
    const imei = await engine.send(infoCommand('AT+CGSN')).then(
      (response) => parseImei(response.lines),
      () => null,
    );
    return { imei };
  } finally {
    engine.close('probe done');
    await transport.close();
  }
}
