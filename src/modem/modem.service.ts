import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { rootLogger } from 'src/common/logger';
import { APP_CONFIG, AppConfig } from 'src/config/env.dto';
import { ModemEntity } from 'src/modem/modem.entity';
import { ModemPool } from 'src/modem/modem-pool';
import { MODEMS_AUTO, ModemScanner, probeModem } from 'src/modem/modem-scanner';
import { ModemRepository } from 'src/modem/modem.repository';
import { ModemSnapshot } from 'src/modem/modem.types';
import { listSerialPorts } from 'src/modem/transport/serial-port.transport';
import { transportFactory } from 'src/modem/transport/transport.factory';
import { NumbersService } from 'src/numbers/numbers.service';
import { SmsInboxService } from 'src/sms/sms-inbox.service';

const logger = rootLogger.child({ module: 'modem' });
/**
 * How often every modem row (and its SIM's last-seen time) is rewritten even without a change. SIMs
 * stay eligible for new accounts while seen within the hour; the API shows this node's live
 * lastSeenAt anyway, so a slow heartbeat keeps 64 idle modems from costing a query storm a minute.
 */
const HEARTBEAT_MS = 300_000;
const PROBE_TIMEOUT_MS = 1_500;

/** Runs the modem pool of this node and mirrors each modem's state (and its SIM) into the database. */
@Injectable()
export class ModemService implements OnApplicationBootstrap, OnApplicationShutdown {
  private pool: ModemPool | null = null;
  private scanner: ModemScanner | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  /** Snapshot writes per port are chained so an older state never overwrites a newer one. */
  private readonly writes = new Map<string, Promise<void>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly modems: ModemRepository,
    private readonly numbers: NumbersService,
    private readonly inbox: SmsInboxService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.modems.length === 0) {
      logger.warn(
        'MODEMS is empty: no modem is opened (set MODEMS=/dev/ttyUSB2,..., tcp://host:port or auto)',
      );
      return;
    }
    const auto = this.config.modems.includes(MODEMS_AUTO);
    this.pool = new ModemPool({
      ports: this.config.modems.filter((port) => port !== MODEMS_AUTO),
      baudRate: this.config.modemBaud,
      sink: this.inbox,
      logger: logger,
      options: {
        sweepIntervalMs: this.config.modemSweepIntervalMs,
        commandTimeoutMs: this.config.modemCommandTimeoutMs,
      },
    });
    this.pool.on('modemUpdated', (snapshot) => this.persist(snapshot));
    await this.pool.start();
    if (auto) {
      const factory = transportFactory({ baudRate: this.config.modemBaud });
      this.scanner = new ModemScanner({
        pool: this.pool,
        list: () => listSerialPorts(),
        probe: (port) => probeModem(port, factory, PROBE_TIMEOUT_MS, logger),
        logger,
        intervalMs: this.config.modemScanIntervalMs,
      });
      const found = await this.scanner.start();
      logger.info({ attached: found.attached }, 'MODEMS=auto: serial ports scanned');
    }
    // The pool does not emit for every byte seen; a heartbeat keeps last_seen_at (modem and SIM) fresh
    // enough for SIM eligibility.
    this.heartbeat = setInterval(
      () => this.snapshots().forEach((snapshot) => this.persist(snapshot)),
      HEARTBEAT_MS,
    );
    this.heartbeat.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.scanner?.stop();
    await this.pool?.stop();
    await Promise.all(this.writes.values());
  }

  snapshots(): ModemSnapshot[] {
    return this.pool?.snapshots() ?? [];
  }

  /** Rows of GET /admin/modems: the database's, with this node's live `lastSeenAt` laid over them. */
  async list(): Promise<ModemEntity[]> {
    const live = new Map(this.snapshots().map((snapshot) => [snapshot.port, snapshot.lastSeenAt]));
    const rows = await this.modems.list();
    for (const row of rows) {
      const seen = row.nodeId === this.config.nodeId ? live.get(row.port) : undefined;
      if (seen && (!row.lastSeenAt || seen > row.lastSeenAt)) row.lastSeenAt = seen;
    }
    return rows;
  }

  sweepNow(port?: string): Promise<void> {
    return this.pool?.sweepNow(port) ?? Promise.resolve();
  }

  private persist(snapshot: ModemSnapshot): void {
    const previous = this.writes.get(snapshot.port) ?? Promise.resolve();
    const next = previous
      .then(() => this.write(snapshot))
      .catch((error: unknown) =>
        logger.error({ err: error, port: snapshot.port }, 'could not record modem state'),
      );
    this.writes.set(snapshot.port, next);
  }

  private async write(snapshot: ModemSnapshot): Promise<void> {
    const row: Omit<ModemEntity, 'id'> = {
      port: snapshot.port,
      nodeId: this.config.nodeId,
      state: snapshot.state,
      manufacturer: snapshot.manufacturer,
      model: snapshot.model,
      imei: snapshot.imei,
      signal: snapshot.signalDbm,
      registration: snapshot.registration,
      operator: snapshot.operator,
      storageUsed: snapshot.storageUsed,
      storageTotal: snapshot.storageTotal,
      simId: null,
      lastSeenAt: snapshot.lastSeenAt,
      lastSmsAt: snapshot.lastSmsAt,
      lastError: snapshot.lastError,
    };
    const modem = await this.modems.upsert(row);
    if (!snapshot.iccid) return;
    const sim = await this.numbers.registerSeenSim({
      iccid: snapshot.iccid,
      imsi: snapshot.imsi,
      ownNumber: snapshot.ownNumber,
      modemId: modem.id,
    });
    if (modem.simId !== sim.id) await this.modems.upsert({ ...row, simId: sim.id });
  }
}
