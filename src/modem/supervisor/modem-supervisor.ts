import { EventEmitter } from 'node:events';

import { AppError, ErrorCode } from 'src/common/app-error';
import { Logger } from 'src/common/logger';

import { AtCommand } from 'src/modem/at/at-command';
import { AtEngine } from 'src/modem/at/at-engine';
import {
  AtCommandError,
  AtEngineClosedError,
  AtTimeoutError,
  AtWriteError,
  CME_INVALID_INDEX,
  CME_MEMORY_FULL,
  CME_SIM_BUSY,
  CMS_INIT_IN_PROGRESS,
  CMS_INVALID_INDEX,
  CMS_MEMORY_FULL,
  CMS_SIM_BUSY,
  isAtCode,
} from 'src/modem/at/at.errors';
import {
  echoOff,
  parseSimStatus,
  pduMode,
  simStatus,
  verboseErrors,
} from 'src/modem/at/commands/basic.command';
import { deleteMessageCommand } from 'src/modem/at/commands/cmgd.command';
import { listMessagesCommand, parseMessageList } from 'src/modem/at/commands/cmgl.command';
import { parseReadMessage, readMessageCommand } from 'src/modem/at/commands/cmgr.command';
import {
  chooseCnmi,
  cnmiTestCommand,
  parseCnmiTest,
  setCnmiCommand,
} from 'src/modem/at/commands/cnmi.command';
import { cnumCommand, parseOwnNumber } from 'src/modem/at/commands/cnum.command';
import { copsQueryCommand, parseOperator } from 'src/modem/at/commands/cops.command';
import {
  chooseStorages,
  parseStorageStatus,
  parseStorageTest,
  setStorageCommand,
  storageQueryCommand,
  storageTestCommand,
  StorageStatus,
} from 'src/modem/at/commands/cpms.command';
import { cregQueryCommand, parseRegistration } from 'src/modem/at/commands/creg.command';
import { csqCommand, parseSignalDbm } from 'src/modem/at/commands/csq.command';
import { iccidCommand, parseIccid } from 'src/modem/at/commands/iccid.command';
import { infoCommand, parseImei, parseImsi, parseInfo } from 'src/modem/at/commands/identity.command';
import { Urc } from 'src/modem/at/urc-router';
import { ModemSupervisorEvents } from 'src/modem/modem.events';
import {
  InboundSmsSink,
  ModemSnapshot,
  ModemState,
  RawStoredSms,
  ResolvedModemOptions,
} from 'src/modem/modem.types';
import { GENERIC_PROFILE, MODEM_PROFILES, ModemProfile, selectProfile } from 'src/modem/profiles/profiles';
import { describeError, ModemTransport, TransportError } from 'src/modem/transport/modem-transport';
import { backoffDelay } from './backoff';
import { SerialTaskQueue } from './serial-task-queue';

export interface ModemSupervisorDeps {
  port: string;
  transportFactory: (port: string) => ModemTransport;
  sink: InboundSmsSink;
  logger: Logger;
  options: ResolvedModemOptions;
  profiles?: readonly ModemProfile[];
}

interface StoredMessage {
  status: number | null;
  pdu: string;
}

/** `lastError` while the storage-full alarm is up; cleared when the storage has room again. */
export const STORAGE_FULL_ALARM = 'message storage full';

/** Storage name for a `+CMT` the modem routed to us without storing it (nothing to delete). */
export const ROUTED_STORAGE = 'MT-ROUTED';

/** One connection to the modem: everything in it dies together when the port is lost. */
class Session {
  readonly tasks = new SerialTaskQueue();
  /** `<storage>:<index>` being read or queued for reading (dedupes repeated `+CMTI`). */
  readonly inFlight = new Set<string>();
  readonly sweepStorages = new Set<string>();
  readonly timers: NodeJS.Timeout[] = [];
  lost = false;
  initialising = false;
  sweepQueued = false;
  healthQueued = false;
  reinitQueued = false;
  consecutiveTimeouts = 0;
  defaultStorage = 'SM';
  readStorage: string | null = null;
  profile: ModemProfile = GENERIC_PROFILE;
  readonly lostReason: Promise<string>;
  private resolveLost!: (reason: string) => void;

  constructor(
    readonly id: number,
    readonly transport: ModemTransport,
    readonly engine: AtEngine,
  ) {
    this.lostReason = new Promise((resolve) => (this.resolveLost = resolve));
  }

  markLost(reason: string): void {
    if (this.lost) {
      return;
    }
    this.lost = true;
    this.timers.forEach((timer) => clearInterval(timer));
    this.tasks.clear();
    this.engine.close(reason);
    this.resolveLost(reason);
  }
}

const BUSY_CME = [CME_SIM_BUSY, CMS_INIT_IN_PROGRESS];
const BUSY_CMS = [CMS_SIM_BUSY, CMS_INIT_IN_PROGRESS];
const SIM_PROBLEM_CME = [10, 11, 12, 13, CME_SIM_BUSY, 15, 17, 18];

function isEmptySlotError(error: unknown): boolean {
  return isAtCode(error, 'cms', CMS_INVALID_INDEX) || isAtCode(error, 'cme', CME_INVALID_INDEX, 22);
}

/** A modem answered, but with an error result (not a timeout/closed): optional commands tolerate this. */
function isResultError(error: unknown): error is AtCommandError {
  return (
    error instanceof AtCommandError &&
    (error.reason.kind === 'error' ||
      error.reason.kind === 'cme' ||
      error.reason.kind === 'cms' ||
      error.reason.kind === 'unexpected')
  );
}

/**
 * Lifecycle of ONE port: open → init → identify → ready (sweep + `+CMTI` reads + health) →
 * recovering (backoff, reopen) … → closed. Every stored message goes to `sink.accept`; only after it
 * resolves is that one index deleted. A rejection leaves the message on the SIM for the next sweep.
 */
export class ModemSupervisor extends EventEmitter<ModemSupervisorEvents> {
  readonly port: string;
  private readonly log: Logger;
  private readonly options: ResolvedModemOptions;
  private snap: ModemSnapshot;
  private session: Session | null = null;
  private sessionCounter = 0;
  private running = false;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private firstAttempt: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private storageFull = false;

  constructor(private readonly deps: ModemSupervisorDeps) {
    super();
    this.port = deps.port;
    this.options = deps.options;
    this.log = deps.logger.child({ port: deps.port, component: 'modem' });
    this.snap = {
      port: deps.port,
      state: 'closed',
      manufacturer: null,
      model: null,
      revision: null,
      imei: null,
      iccid: null,
      imsi: null,
      ownNumber: null,
      signalDbm: null,
      registration: null,
      operator: null,
      storageUsed: null,
      storageTotal: null,
      lastSeenAt: null,
      lastSmsAt: null,
      lastError: null,
    };
  }

  snapshot(): ModemSnapshot {
    const engine = this.session?.engine;
    if (engine?.lastSeenAt && (!this.snap.lastSeenAt || engine.lastSeenAt > this.snap.lastSeenAt)) {
      this.snap.lastSeenAt = engine.lastSeenAt;
    }
    return { ...this.snap };
  }

  get state(): ModemState {
    return this.snap.state;
  }

  /** Starts the lifecycle; resolves once the first open/init attempt finished (either way). Never throws. */
  start(): Promise<void> {
    if (this.running && this.firstAttempt) {
      return this.firstAttempt;
    }
    this.running = true;
    this.stopping = false;
    let firstDone!: () => void;
    this.firstAttempt = new Promise<void>((resolve) => (firstDone = resolve));
    this.loop = this.runLoop(firstDone).catch((error: unknown) => {
      this.log.error({ err: error }, 'modem supervisor loop crashed');
      this.update({ state: 'failed', lastError: describeError(error) });
      firstDone();
    });
    return this.firstAttempt;
  }

  async stop(): Promise<void> {
    if (!this.running) {
      return;
    }
    this.stopping = true;
    this.wake?.();
    this.session?.markLost('stopped');
    await this.loop;
    this.running = false;
    this.update({ state: 'closed' });
  }

  /** Runs a sweep now (queued behind the current read) and resolves when it is done. */
  async sweepNow(): Promise<void> {
    const session = this.session;
    if (!session || session.lost || this.snap.state !== 'ready') {
      return;
    }
    await this.enqueue(session, 'sweep', () => this.sweep(session));
  }

  // ---------------------------------------------------------------- lifecycle

  private async runLoop(firstDone: () => void): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        const session = await this.connect();
        failures = 0;
        firstDone();
        const reason = await session.lostReason;
        if (this.stopping) {
          break;
        }
        this.log.warn({ reason }, 'modem connection lost; reopening');
        this.update({ state: 'recovering', lastError: reason });
      } catch (error) {
        failures += 1;
        firstDone();
        if (this.stopping) {
          break;
        }
        const failed = failures >= this.options.failAfterAttempts;
        const simNotReady = error instanceof AppError && error.code === ErrorCode.SimNotReady;
        this.log.warn(
          { err: error, attempt: failures },
          simNotReady
            ? 'SIM not ready (no PIN is tried); retrying'
            : failed
              ? 'modem failed; still retrying'
              : 'modem open/init failed',
        );
        this.update({
          state: simNotReady ? 'sim_not_ready' : failed ? 'failed' : 'recovering',
          lastError: describeError(error),
        });
      } finally {
        await this.teardown();
      }
      if (this.stopping) {
        break;
      }
      await this.sleep(
        backoffDelay(Math.max(1, failures), this.options.reconnectMinMs, this.options.reconnectMaxMs),
      );
    }
  }

  private async connect(): Promise<Session> {
    this.update({ state: 'opening' });
    const transport = this.deps.transportFactory(this.port);
    const engine = new AtEngine(transport, {
      port: this.port,
      logger: this.deps.logger,
      commandTimeoutMs: this.options.commandTimeoutMs,
      guardTimeMs: this.options.guardTimeMs,
      resyncQuietMs: this.options.resyncQuietMs,
    });
    const session = new Session((this.sessionCounter += 1), transport, engine);
    this.session = session;
    transport.on('disconnected', (reason) =>
      session.markLost(`port lost (${reason.kind}): ${reason.message}`),
    );
    engine.router.on('urc', (urc) => this.onUrc(session, urc));
    engine.on('echo', (line) => {
      if (!session.initialising && this.snap.state === 'ready') {
        this.requestReinit(session, `echo is back on (${line})`);
      }
    });
    await transport.open();
    if (session.lost) {
      throw new AppError(ErrorCode.TransportClosed, `${this.port} closed while opening`, { port: this.port });
    }
    this.update({ state: 'initialising' });
    const init: { error: Error | null } = { error: null };
    await session.tasks.run(() =>
      this.initialise(session).catch((error: unknown) => {
        init.error = error instanceof Error ? error : new Error(describeError(error));
      }),
    );
    if (session.lost) {
      throw (
        init.error ??
        new AppError(ErrorCode.TransportClosed, `${this.port} lost during init`, { port: this.port })
      );
    }
    if (init.error) {
      throw init.error;
    }
    this.update({ state: 'ready', lastError: this.storageFull ? STORAGE_FULL_ALARM : null });
    this.log.info(
      {
        manufacturer: this.snap.manufacturer,
        model: this.snap.model,
        imei: this.snap.imei,
        iccid: this.snap.iccid,
      },
      'modem ready',
    );
    session.timers.push(
      setInterval(() => this.requestSweep(session), this.options.sweepIntervalMs),
      setInterval(() => this.requestHealth(session), this.options.healthIntervalMs),
    );
    session.timers.forEach((timer) => timer.unref());
    this.requestSweep(session);
    return session;
  }

  private async teardown(): Promise<void> {
    const session = this.session;
    if (!session) {
      return;
    }
    this.session = null;
    session.markLost('closing');
    try {
      await session.transport.close();
    } catch (error) {
      this.log.debug({ err: error }, 'close failed (ignored)');
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  // ---------------------------------------------------------------- init

  private async initialise(session: Session): Promise<void> {
    session.initialising = true;
    try {
      const engine = session.engine;
      // Drain garbage, ESC out of a stale "> " prompt, AT until OK (gammu/smstools3 do the same).
      const alive = await engine.resync({ abortPrompt: true, timeoutMs: this.options.commandTimeoutMs });
      if (!alive) {
        throw new AppError(ErrorCode.AtTimeout, `${this.port}: no answer to AT`, { port: this.port });
      }
      await engine.send(echoOff());
      await this.optional(session, verboseErrors());
      const manufacturer = parseInfo((await this.optional(session, infoCommand('AT+CGMI'))) ?? []);
      const model = parseInfo((await this.optional(session, infoCommand('AT+CGMM'))) ?? []);
      const revision = parseInfo((await this.optional(session, infoCommand('AT+CGMR'))) ?? []);
      const profile = selectProfile(manufacturer, model, this.deps.profiles ?? MODEM_PROFILES);
      if (profile !== session.profile && profile.urcHandlers) {
        engine.router.use(...profile.urcHandlers);
      }
      session.profile = profile;
      this.update({ manufacturer, model, revision });
      this.log.debug({ profile: profile.id }, 'modem profile selected');
      for (const text of profile.initCommands) {
        await this.optional(session, { text, idempotent: true });
      }
      await this.checkSim(session);
      // SIM800 answers ERROR to SMS commands until "SMS Ready": retried.
      await this.retryBusy(() => engine.send(pduMode()), true);
      await this.configureStorage(session);
      await this.configureNotifications(session);
      await this.identify(session);
      await this.pollHealth(session);
    } finally {
      session.initialising = false;
    }
  }

  /** Sends a command whose failure result (ERROR/CME/CMS) is tolerated: returns its lines or null. */
  private async optional(session: Session, command: AtCommand): Promise<string[] | null> {
    try {
      return (await session.engine.send(command)).lines;
    } catch (error) {
      if (isResultError(error)) {
        this.log.debug({ command: command.text, err: error.message }, 'optional command refused');
        return null;
      }
      throw error;
    }
  }

  private async retryBusy<T>(run: () => Promise<T>, plainErrorToo = false, attempts = 5): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await run();
      } catch (error) {
        const busy =
          isAtCode(error, 'cme', ...BUSY_CME) ||
          isAtCode(error, 'cms', ...BUSY_CMS) ||
          (plainErrorToo && error instanceof AtCommandError && error.reason.kind === 'error');
        if (!busy || attempt >= attempts) {
          throw error;
        }
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(2_000, (this.options.commandTimeoutMs / 5) * attempt)),
        );
      }
    }
  }

  private async checkSim(session: Session): Promise<void> {
    let response;
    try {
      response = await this.retryBusy(() => session.engine.send(simStatus()));
    } catch (error) {
      // +CME ERROR 10 not inserted, 11/12 PIN/PUK, 13 failure, 14 busy (after retries), 15 wrong.
      if (isAtCode(error, 'cme', ...SIM_PROBLEM_CME)) {
        throw new AppError(ErrorCode.SimNotReady, `${this.port}: SIM not ready (${describeError(error)})`, {
          port: this.port,
        });
      }
      throw error;
    }
    const status = parseSimStatus(response.lines);
    // Some modules (Wavecom) answer +CPIN without the status line on OK; an OK alone is taken as ready.
    if (status !== null && status !== 'READY') {
      throw new AppError(ErrorCode.SimNotReady, `${this.port}: SIM not ready (${status})`, {
        port: this.port,
        status,
      });
    }
  }

  private async configureStorage(session: Session): Promise<void> {
    const offered = parseStorageTest((await this.optional(session, storageTestCommand())) ?? []);
    const memories = chooseStorages(offered);
    let status: StorageStatus[] = [];
    const set = await this.optional(session, setStorageCommand(...memories));
    if (set) {
      status = parseStorageStatus(set);
    } else {
      this.log.warn({ memories }, 'AT+CPMS refused; using the modem default storage');
    }
    session.defaultStorage = memories[0];
    session.readStorage = memories[0];
    session.sweepStorages.clear();
    session.sweepStorages.add(memories[0]);
    this.applyStorageStatus(status, 'init');
  }

  private async configureNotifications(session: Session): Promise<void> {
    const offered = parseCnmiTest((await this.optional(session, cnmiTestCommand())) ?? []);
    for (const values of chooseCnmi(offered)) {
      if ((await this.optional(session, setCnmiCommand(values))) !== null) {
        this.log.debug({ cnmi: values.join(',') }, 'new-message indications enabled');
        return;
      }
    }
    this.log.warn('no AT+CNMI setting accepted; new messages are found by the periodic sweep only');
  }

  private async identify(session: Session): Promise<void> {
    const imei = parseImei((await this.optional(session, infoCommand('AT+CGSN'))) ?? []);
    const imsi = parseImsi((await this.optional(session, infoCommand('AT+CIMI'))) ?? []);
    let iccid: string | null = null;
    for (const text of session.profile.iccidCommands) {
      iccid = parseIccid((await this.optional(session, iccidCommand(text))) ?? []);
      if (iccid) {
        break;
      }
    }
    const ownNumber = parseOwnNumber((await this.optional(session, cnumCommand())) ?? []);
    if (this.snap.iccid && iccid && this.snap.iccid !== iccid) {
      this.log.warn({ previous: this.snap.iccid, iccid }, 'SIM changed on this port');
    }
    if (this.snap.imei && imei && this.snap.imei !== imei) {
      this.log.warn({ previous: this.snap.imei, imei }, 'a different modem answers on this port');
    }
    this.update({ imei, imsi, iccid, ownNumber });
  }

  private async pollHealth(session: Session): Promise<void> {
    const signalDbm = parseSignalDbm((await this.optional(session, csqCommand())) ?? []);
    const registration = parseRegistration((await this.optional(session, cregQueryCommand())) ?? []);
    const operator = parseOperator((await this.optional(session, copsQueryCommand())) ?? []);
    this.update({ signalDbm, registration, operator });
    const storage = await this.optional(session, storageQueryCommand());
    if (storage) {
      const status = parseStorageStatus(storage);
      this.applyStorageStatus(status, 'health');
      // AT+CPMS? names mem1; keep our notion of the read storage honest.
      if (status[0]?.memory) {
        session.readStorage = status[0].memory;
      }
    }
  }

  /** mem3 (where new messages land) decides "full"; fall back to mem1. */
  private applyStorageStatus(status: StorageStatus[], source: string): void {
    const slot = status[2] ?? status[0];
    if (!slot) {
      return;
    }
    this.update({ storageUsed: slot.used, storageTotal: slot.total });
    if (slot.total > 0 && slot.used >= slot.total) {
      this.raiseStorageFull(`cpms (${source})`);
    } else if (this.storageFull) {
      this.storageFull = false;
      this.log.info({ used: slot.used, total: slot.total }, 'modem message storage has room again');
      if (this.snap.lastError?.startsWith(STORAGE_FULL_ALARM)) {
        this.update({ lastError: null });
      }
    }
  }

  /** A task error for `lastError`; while the storage-full alarm is up it stays in front. */
  private reportError(message: string): void {
    this.update({ lastError: this.storageFull ? `${STORAGE_FULL_ALARM}; then: ${message}` : message });
  }

  /** The alarm: logged and emitted once per episode; `lastError` shows it until the storage has room. */
  private raiseStorageFull(source: string): void {
    if (this.storageFull) {
      this.update({ lastError: STORAGE_FULL_ALARM });
      return;
    }
    this.storageFull = true;
    this.log.warn(
      { used: this.snap.storageUsed, total: this.snap.storageTotal, source },
      'modem message storage is full',
    );
    this.update({ lastError: STORAGE_FULL_ALARM });
    this.emit('StorageFull', {
      port: this.port,
      used: this.snap.storageUsed,
      total: this.snap.storageTotal,
      source,
    });
  }

  // ---------------------------------------------------------------- tasks

  private enqueue(session: Session, name: string, task: () => Promise<void>): Promise<void> {
    return session.tasks
      .run(async () => {
        if (session.lost) {
          return;
        }
        try {
          await task();
          session.consecutiveTimeouts = 0;
        } catch (error) {
          await this.handleTaskError(session, name, error);
        }
      })
      .then(() => undefined);
  }

  /** The escalation ladder: timeout → `AT` probe → (still dead or repeated) reopen the port. */
  private async handleTaskError(session: Session, name: string, error: unknown): Promise<void> {
    if (session.lost || error instanceof AtEngineClosedError) {
      return;
    }
    if (error instanceof AtWriteError || error instanceof TransportError) {
      session.markLost(`write failed: ${describeError(error)}`);
      return;
    }
    if (error instanceof AtTimeoutError) {
      session.consecutiveTimeouts += 1;
      this.log.warn(
        { task: name, err: error.message, timeouts: session.consecutiveTimeouts },
        'command timed out; probing',
      );
      const alive = await session.engine.resync({ timeoutMs: this.options.commandTimeoutMs });
      if (!alive || session.consecutiveTimeouts >= this.options.maxConsecutiveTimeouts) {
        const reason = alive ? 'repeated command timeouts' : 'modem does not answer AT (hang)';
        await this.softReset(session, reason);
        session.markLost(reason);
        return;
      }
      this.reportError(error.message);
      this.requestSweep(session);
      return;
    }
    if (isAtCode(error, 'cms', CMS_MEMORY_FULL) || isAtCode(error, 'cme', CME_MEMORY_FULL)) {
      this.raiseStorageFull('+CMS ERROR: 322');
    }
    this.log.warn({ task: name, err: error }, 'modem task failed');
    this.reportError(describeError(error));
  }

  /**
   * Ladder step before the reopen: the profile's soft reset (`AT+CFUN=1,1` …), first command that
   * the modem accepts wins. A timeout ends the step: the modem is rebooting or dead, the reopen and
   * its init (resync, identity, sweep) find out which.
   */
  private async softReset(session: Session, reason: string): Promise<void> {
    for (const text of session.profile.resetCommands) {
      if (session.lost) {
        return;
      }
      this.log.warn({ command: text, reason }, 'soft-resetting the modem before reopening the port');
      try {
        await session.engine.send({ text, idempotent: false });
        this.emit('ModemReset', { port: this.port, command: text, reason });
        return;
      } catch (error) {
        if (!isResultError(error)) {
          return;
        }
      }
    }
  }

  requestSweep(session: Session | null = this.session): void {
    if (!session || session.lost || session.sweepQueued) {
      return;
    }
    session.sweepQueued = true;
    void this.enqueue(session, 'sweep', async () => {
      session.sweepQueued = false;
      await this.sweep(session);
    });
  }

  private requestHealth(session: Session): void {
    if (session.lost || session.healthQueued) {
      return;
    }
    session.healthQueued = true;
    void this.enqueue(session, 'health', async () => {
      session.healthQueued = false;
      await this.pollHealth(session);
    });
  }

  private requestReinit(session: Session, evidence: string): void {
    if (session.lost || session.reinitQueued) {
      return;
    }
    session.reinitQueued = true;
    this.log.warn({ evidence }, 'modem restarted; re-initialising');
    this.emit('ModemRebooted', { port: this.port, evidence });
    void session.tasks.run(async () => {
      session.reinitQueued = false;
      if (session.lost) {
        return;
      }
      this.update({ state: 'initialising' });
      try {
        await this.initialise(session);
        this.update({ state: 'ready' });
        await this.sweep(session);
      } catch (error) {
        session.markLost(`re-init failed: ${describeError(error)}`);
      }
    });
  }

  // ---------------------------------------------------------------- messages

  private onUrc(session: Session, urc: Urc): void {
    if (session.lost) {
      return;
    }
    switch (urc.type) {
      case 'cmti':
        this.onStoredIndication(session, urc.storage, urc.index);
        return;
      case 'cdsi':
        this.onStoredIndication(session, urc.storage ?? 'SR', urc.index);
        return;
      case 'cmt':
        this.onRoutedMessage(session, urc.pdu);
        return;
      case 'cds':
        this.log.info('routed status report (+CDS) ignored: this gateway sends nothing');
        return;
      case 'creg':
        this.update({ registration: urc.registration });
        return;
      case 'boot':
        if (!session.initialising && this.snap.state === 'ready') {
          this.requestReinit(session, urc.line);
        }
        return;
      case 'memory-full':
        this.raiseStorageFull(urc.line);
        this.requestSweep(session);
        return;
      case 'ring':
      case 'noise':
        this.log.debug({ line: urc.line }, 'URC ignored');
        return;
    }
  }

  /** `+CMTI`: read that index right away (queued behind the current task), once. */
  private onStoredIndication(session: Session, storage: string | null, index: number | null): void {
    if (index === null || index < 0) {
      this.log.warn('message indication without a usable index; sweeping');
      this.requestSweep(session);
      return;
    }
    const memory = storage ?? session.defaultStorage;
    const key = `${memory}:${index}`;
    if (session.inFlight.has(key)) {
      this.log.debug({ storage: memory, index }, 'repeated indication for a message already being processed');
      return;
    }
    session.inFlight.add(key);
    void this.enqueue(session, 'read', async () => {
      try {
        await this.readAndDeliver(session, memory, index);
      } finally {
        session.inFlight.delete(key);
      }
    });
  }

  /** Routed `+CMT` (modem ignored mt=1): nothing is stored, so hand it over; there is nothing to delete. */
  private onRoutedMessage(session: Session, pdu: string | null): void {
    this.log.warn('modem routed a message (+CMT) instead of storing it; delivered without a SIM copy');
    if (!pdu) {
      return;
    }
    void this.enqueue(session, 'routed', async () => {
      try {
        await this.acceptWithTimeout(this.rawSms(ROUTED_STORAGE, -1, { status: null, pdu }));
        this.update({ lastSmsAt: new Date() });
      } catch (error) {
        this.log.error({ err: error }, 'routed message not committed and cannot be re-read from the modem');
      }
    });
  }

  /**
   * Sweep, then refresh storage use (the storage-full alarm rises and clears from it). An idle modem
   * whose storage was empty and still lists nothing is not asked again (64 idle modems stay cheap).
   */
  private async sweep(session: Session): Promise<void> {
    let listed: number | null = null;
    try {
      listed = await this.sweepStorages(session);
    } finally {
      if (listed !== 0 || this.storageFull || this.snap.storageUsed !== 0) {
        await this.refreshStorageStatus(session);
      }
    }
  }

  private async refreshStorageStatus(session: Session): Promise<void> {
    if (session.lost) {
      return;
    }
    try {
      const storage = await this.optional(session, storageQueryCommand());
      if (storage) {
        this.applyStorageStatus(parseStorageStatus(storage), 'sweep');
      }
    } catch (error) {
      this.log.debug({ err: error }, 'storage status not refreshed after the sweep');
    }
  }

  /** Lists and delivers every storage; returns how many messages were listed. */
  private async sweepStorages(session: Session): Promise<number> {
    let listed = 0;
    const storages = [
      session.defaultStorage,
      ...[...session.sweepStorages].filter((s) => s !== session.defaultStorage),
    ];
    for (const storage of storages) {
      await this.ensureStorage(session, storage);
      const listing = parseMessageList((await session.engine.send(listMessagesCommand())).lines);
      listed += listing.length;
      if (listing.length > 0) {
        this.log.debug({ storage, count: listing.length }, 'sweep found stored messages');
      }
      for (const message of listing) {
        const key = `${storage}:${message.index}`;
        if (session.inFlight.has(key)) {
          continue;
        }
        session.inFlight.add(key);
        try {
          await this.deliverAndDelete(session, storage, message.index, message);
        } finally {
          session.inFlight.delete(key);
        }
      }
    }
    return listed;
  }

  private async ensureStorage(session: Session, storage: string): Promise<void> {
    if (session.readStorage === storage) {
      return;
    }
    await session.engine.send(setStorageCommand(storage));
    session.readStorage = storage;
    session.sweepStorages.add(storage);
  }

  private async readSlot(session: Session, index: number): Promise<StoredMessage | null> {
    try {
      return parseReadMessage((await session.engine.send(readMessageCommand(index))).lines);
    } catch (error) {
      if (isEmptySlotError(error)) {
        return null;
      }
      throw error;
    }
  }

  private async readAndDeliver(session: Session, storage: string, index: number): Promise<void> {
    await this.ensureStorage(session, storage);
    const message = await this.readSlot(session, index);
    if (!message) {
      this.log.debug({ storage, index }, 'slot empty (already handled)');
      return;
    }
    await this.deliverAndDelete(session, storage, index, message);
  }

  private rawSms(storage: string, index: number, message: StoredMessage): RawStoredSms {
    return {
      port: this.port,
      imei: this.snap.imei,
      iccid: this.snap.iccid,
      imsi: this.snap.imsi,
      storage,
      index,
      status: message.status,
      pdu: message.pdu,
      readAt: new Date(),
    };
  }

  private acceptWithTimeout(sms: RawStoredSms): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`sink did not commit within ${this.options.sinkTimeoutMs} ms`)),
        this.options.sinkTimeoutMs,
      );
      let accepted: Promise<void>;
      try {
        accepted = this.deps.sink.accept(sms);
      } catch (error) {
        accepted = Promise.reject(error instanceof Error ? error : new Error(describeError(error)));
      }
      accepted.then(
        () => {
          clearTimeout(timer);
          resolve();
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(describeError(error)));
        },
      );
    });
  }

  /** sink.accept → only then `AT+CMGD=<index>`. A rejection keeps the message in storage. */
  private async deliverAndDelete(
    session: Session,
    storage: string,
    index: number,
    message: StoredMessage,
  ): Promise<void> {
    try {
      await this.acceptWithTimeout(this.rawSms(storage, index, message));
    } catch (error) {
      this.log.warn(
        { err: error, storage, index },
        'message not committed by the sink; left in modem storage for the next sweep',
      );
      this.reportError(`sink: ${describeError(error)}`);
      return;
    }
    this.update({ lastSmsAt: new Date() });
    if (session.lost) {
      return; // committed; the copy on the SIM is deleted after the reconnect sweep (idempotent insert)
    }
    await this.deleteStored(session, storage, index, message.pdu);
  }

  /**
   * Deletes ONE index. On a timeout the slot is re-read: deleted only if it still holds the same PDU
   * (indices are reused, a blind re-send could delete a new message). A new message found there is
   * processed like a fresh arrival.
   */
  private async deleteStored(session: Session, storage: string, index: number, pdu: string): Promise<void> {
    try {
      await session.engine.send(deleteMessageCommand(index));
      return;
    } catch (error) {
      if (isEmptySlotError(error)) {
        return;
      }
      if (!(error instanceof AtTimeoutError)) {
        throw error;
      }
      this.log.warn({ storage, index }, 'AT+CMGD timed out; re-reading the slot before deleting again');
      if (!(await session.engine.resync({ timeoutMs: this.options.commandTimeoutMs }))) {
        throw error;
      }
    }
    const now = await this.readSlot(session, index);
    if (!now) {
      return;
    }
    if (now.pdu === pdu) {
      await session.engine.send(deleteMessageCommand(index));
      return;
    }
    this.log.info({ storage, index }, 'slot now holds a different message; processing it');
    await this.deliverAndDelete(session, storage, index, now);
  }

  // ---------------------------------------------------------------- snapshot

  private update(patch: Partial<ModemSnapshot>): void {
    let changed = false;
    for (const [key, value] of Object.entries(patch) as [keyof ModemSnapshot, unknown][]) {
      const current = this.snap[key];
      const same =
        current instanceof Date && value instanceof Date
          ? current.getTime() === value.getTime()
          : current === value;
      if (!same) {
        (this.snap as unknown as Record<string, unknown>)[key] = value;
        changed = true;
      }
    }
    if (changed) {
      this.emit('ModemUpdated', this.snapshot());
    }
  }
}
