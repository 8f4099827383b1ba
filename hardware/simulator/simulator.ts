/**
 * The modem simulator: N simulated modems, each served on a socat pseudo-terminal (and optionally
 * tcp://127.0.0.1:<port>), plus an HTTP control API on 127.0.0.1.
 *
 *   const sim = await Simulator.start({ modems: 2, tcp: true });
 *   // MODEMS=sim.modems.map(m => m.path).join(',')
 *   await sim.injectSms('sim0', { sender: '15889999', text: '[Web발신] …' });
 *   await sim.close();
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { ControlServer } from 'hardware/simulator/control-server';
import { makeIdentity } from 'hardware/simulator/identity';
import type { ModemBehaviour, SimState } from 'hardware/simulator/modem-behaviour';
import type { SmsEncoding } from 'hardware/simulator/pdu-encoder';
import type { ModemPersonality, PersonalityName } from 'hardware/simulator/personalities';
import { PtyLink } from 'hardware/simulator/pty-link';
import {
  type InjectSmsInput,
  type ModemFaults,
  type ModemLogEntry,
  SimulatedModem,
} from 'hardware/simulator/simulated-modem';
import { UnknownModemError } from 'hardware/simulator/simulator.errors';
import { TcpEndpoint } from 'hardware/simulator/tcp-endpoint';

export { StorageFullError, UnknownModemError } from 'hardware/simulator/simulator.errors';

export interface SimulatorOptions {
  modems: number;
  /** where the pty links are created; default a fresh temp dir (removed on close) */
  dir?: string;
  /** HTTP control API port on 127.0.0.1; default 0 (ephemeral); null = no control API */
  controlPort?: number | null;
  /** also serve each modem on tcp://127.0.0.1:<port> */
  tcp?: boolean;
  /** first tcp port (modem i gets tcpBasePort + i); default 0 = ephemeral ports */
  tcpBasePort?: number;
  /** Address the tcp modems and the control API listen on; default 127.0.0.1 (0.0.0.0 in a container). */
  host?: string;
  /** serve each modem on a socat pty (default true; false needs no socat, tcp only) */
  pty?: boolean;
  /** slots per SIM, default 30 */
  storageSlots?: number;
  /** modem ids are `${idPrefix}${i}`; default 'sim' */
  idPrefix?: string;
  /** own number per modem; null = +CNUM answers nothing; missing entries are generated */
  phoneNumbers?: (string | null)[];
  /** one personality for all modems, or one per modem (default generic) */
  personality?: PersonalityName | ModemPersonality | (PersonalityName | ModemPersonality)[];
  /** behaviours replacing the defaults of every modem (by name) */
  behaviours?: ModemBehaviour[];
  /** vendor noise period (Huawei ^RSSI/^BOOT), 0 = off (default) */
  noiseIntervalMs?: number;
  /** boot delay of a modem after replug/reboot, default 50 ms */
  bootDelayMs?: number;
}

export interface SimulatedModemInfo {
  id: string;
  path: string;
  tcpUrl: string | null;
  imei: string;
  iccid: string;
  imsi: string;
  phoneNumber: string | null;
}

export interface InjectSmsRequest {
  sender: string;
  text: string;
  encoding?: SmsEncoding;
  smscTimestamp?: Date;
  pdu?: InjectSmsInput['pdu'];
}

interface ModemSlot {
  info: SimulatedModemInfo;
  modem: SimulatedModem;
  pty: PtyLink | null;
  tcp: TcpEndpoint | null;
  unplugged: boolean;
}

export class Simulator {
  private readonly slots = new Map<string, ModemSlot>();
  private control: ControlServer | null = null;
  private closed = false;

  private constructor(
    readonly dir: string,
    private readonly ownsDir: boolean,
  ) {}

  static async start(opts: SimulatorOptions): Promise<Simulator> {
    if (!Number.isInteger(opts.modems) || opts.modems < 1 || opts.modems > 256) {
      throw new RangeError('modems must be an integer between 1 and 256');
    }
    const idPrefix = opts.idPrefix ?? 'sim';
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(idPrefix)) {
      throw new RangeError('idPrefix may only hold letters, digits, _ and -');
    }
    const ownsDir = opts.dir === undefined;
    const dir = opts.dir === undefined ? await mkdtemp(join(tmpdir(), 'ipgeum-sim-')) : resolve(opts.dir);
    // A --dir the operator names is created like `mkdir -p`, and left in place on close.
    if (!ownsDir) await mkdir(dir, { recursive: true });
    const sim = new Simulator(dir, ownsDir);
    try {
      for (let i = 0; i < opts.modems; i++) {
        await sim.addModem(i, idPrefix, opts);
      }
      if (opts.controlPort !== null) {
        sim.control = new ControlServer(sim);
        await sim.control.listen(opts.controlPort ?? 0, opts.host);
      }
    } catch (err) {
      await sim.close();
      throw err;
    }
    return sim;
  }

  get modems(): SimulatedModemInfo[] {
    return [...this.slots.values()].map((s) => ({ ...s.info }));
  }

  get controlUrl(): string {
    return this.control?.url ?? '';
  }

  /** The simulated modem itself: override behaviours, set faults, read state. */
  modem(modemId: string): SimulatedModem {
    return this.slot(modemId).modem;
  }

  info(modemId: string): SimulatedModemInfo {
    return { ...this.slot(modemId).info };
  }

  async injectSms(modemId: string, sms: InjectSmsRequest): Promise<number[]> {
    return Promise.resolve(this.slot(modemId).modem.injectSms(sms));
  }

  storage(modemId: string): { index: number; pdu: string; status: number }[] {
    return this.slot(modemId)
      .modem.storageSnapshot()
      .map(({ index, pdu, status }) => ({ index, pdu, status }));
  }

  commandLog(modemId: string): ModemLogEntry[] {
    return this.slot(modemId).modem.commandLog();
  }

  isUnplugged(modemId: string): boolean {
    return this.slot(modemId).unplugged;
  }

  setFaults(
    modemId: string,
    faults: Partial<ModemFaults> & { sim?: SimState },
  ): ModemFaults & { sim: SimState } {
    const modem = this.slot(modemId).modem;
    const { sim, ...rest } = faults;
    if (sim !== undefined) {
      modem.setSimState(sim);
    }
    return { ...modem.setFaults(rest), sim: modem.state.sim };
  }

  /** USB unplug: the pty disappears (socat killed, link removed), tcp stops listening, the modem loses power. */
  async unplug(modemId: string): Promise<void> {
    const slot = this.slot(modemId);
    if (slot.unplugged) {
      return;
    }
    slot.unplugged = true;
    slot.modem.powerOff();
    await Promise.all([slot.pty?.stop(), slot.tcp?.close()]);
  }

  /** USB replug: the same path (and tcp port) comes back; the modem boots and prints its banner. */
  async replug(modemId: string): Promise<void> {
    const slot = this.slot(modemId);
    if (!slot.unplugged) {
      return;
    }
    await Promise.all([slot.pty?.start(), slot.tcp?.listen()]);
    slot.unplugged = false;
    slot.modem.powerOn();
  }

  reboot(modemId: string): void {
    this.slot(modemId).modem.reboot();
  }

  /** Stops everything: control API, tcp servers, socat children, links and the temp dir. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    await this.control?.close();
    await Promise.all(
      [...this.slots.values()].map(async (s) => {
        s.modem.close();
        await Promise.all([s.pty?.stop(), s.tcp?.close()]);
      }),
    );
    if (this.ownsDir) {
      await rm(this.dir, { recursive: true, force: true });
    }
  }

  private slot(modemId: string): ModemSlot {
    const slot = this.slots.get(modemId);
    if (!slot) {
      throw new UnknownModemError(modemId);
    }
    return slot;
  }

  private async addModem(i: number, idPrefix: string, opts: SimulatorOptions): Promise<void> {
    const id = `${idPrefix}${i}`;
    const phone = opts.phoneNumbers && i < opts.phoneNumbers.length ? opts.phoneNumbers[i] : undefined;
    const identity = makeIdentity(idPrefix, i, phone);
    const personality = Array.isArray(opts.personality) ? opts.personality[i] : opts.personality;
    const modem = new SimulatedModem({
      id,
      identity,
      personality,
      storageSlots: opts.storageSlots,
      noiseIntervalMs: opts.noiseIntervalMs,
      bootDelayMs: opts.bootDelayMs,
    });
    for (const b of opts.behaviours ?? []) {
      modem.useBehaviour(b);
    }
    const path = join(this.dir, id);
    const pty = opts.pty === false ? null : new PtyLink(path);
    const tcp = opts.tcp ? new TcpEndpoint(opts.tcpBasePort ? opts.tcpBasePort + i : 0, opts.host) : null;
    const slot: ModemSlot = {
      info: { id, path: pty ? path : '', tcpUrl: null, ...identity },
      modem,
      pty,
      tcp,
      unplugged: false,
    };
    this.slots.set(id, slot);

    modem.on('output', (data: Buffer) => {
      pty?.write(data);
      tcp?.write(data);
    });
    pty?.on('data', (d: Buffer) => modem.receive(d));
    tcp?.on('data', (d: Buffer) => modem.receive(d));
    pty?.on('unexpected-exit', () => {
      // socat killed from outside: bring the pty back like a re-enumerated device
      if (!this.closed && !slot.unplugged) {
        setTimeout(() => {
          if (!this.closed && !slot.unplugged) {
            pty.start().catch(() => undefined);
          }
        }, 100).unref();
      }
    });
    await pty?.start();
    if (tcp) {
      await tcp.listen();
      slot.info.tcpUrl = tcp.url;
    }
  }
}
