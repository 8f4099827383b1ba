import { EventEmitter } from 'node:events';

import { Logger, rootLogger } from 'src/common/logger';

import { ModemTransport, describeError } from 'src/modem/transport/modem-transport';
import { transportFactory } from 'src/modem/transport/transport.factory';
import { AtCommand, AtResponse } from './at-command';
import { AtCommandMachine } from './at-command.machine';
import { AtFailureReason, atFailureToError, AtTimeoutError, parseFinalResult } from './at.errors';
import { AtFrame, AtLineParser } from './at-line-parser';
import { UrcRouter } from './urc-router';

export interface AtEngineOptions {
  /** Port name used in logs and errors. */
  port: string;
  logger?: Logger;
  /** Base timeout; a command's `timeoutFactor` multiplies it. */
  commandTimeoutMs: number;
  /** Pause after each final result before the next command is written. */
  guardTimeMs?: number;
  /** After the resync `AT` answered OK, how long the line must stay quiet. */
  resyncQuietMs?: number;
  router?: UrcRouter;
}

export interface AtEngineEvents {
  /** The modem echoed a command (echo is on: expected before `ATE0`, a reset sign after). */
  echo: [line: string];
  /** A line neither the active command nor the URC router wanted (logged and dropped). */
  unclaimed: [line: string];
  /** Any bytes arrived (liveness). */
  activity: [];
  timeout: [error: AtTimeoutError];
}

type Outcome = { ok: true; final: string } | { ok: false; reason: AtFailureReason; final?: string };

interface Job {
  kind: 'command' | 'resync';
  command: AtCommand;
  /** Where the command was queued; formatted only if it fails (stack formatting is the costly part). */
  queuedAt: Error;
  resolve: (value: AtResponse) => void;
  reject: (error: unknown) => void;
}

interface Active {
  machine: AtCommandMachine;
  settle: (outcome: Outcome) => void;
  settled: boolean;
  /** Armed by an information line when the command may end without a final result code. */
  quietTimer: NodeJS.Timeout | null;
}

/** `final` of a reply that ended by silence instead of a final result code. */
export const NO_FINAL_RESULT = '(no final result code)';

interface ResyncWait {
  sawOk: boolean;
  quietTimer: NodeJS.Timeout | null;
  done: (ok: boolean) => void;
}

const CTRL_Z = '\x1a';
const ESC = '\x1b';

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function callerStack(queuedAt: Error): string | undefined {
  return queuedAt.stack?.split('\n').slice(3).join('\n');
}

/**
 * The AT engine of one port: frames the byte stream, runs ONE command at a time, routes every line
 * the active command does not claim to the {@link UrcRouter}.
 *
 * Per command: the waiter (state machine) is registered BEFORE the write, the timer starts AFTER the
 * write completed (a write that never completes times out as `phase: 'write'`). After a timeout the
 * engine marks the line stale and, before the next command, resyncs: `AT`, then waits for an OK
 * followed by a quiet window, so a late `OK` of the timed-out command cannot complete the next one.
 */
export class AtEngine extends EventEmitter<AtEngineEvents> {
  readonly router: UrcRouter;
  lastSeenAt: Date | null = null;
  private readonly parser = new AtLineParser();
  private readonly log: Logger;
  private readonly queue: Job[] = [];
  private active: Active | null = null;
  private resyncWait: ResyncWait | null = null;
  private running = false;
  private closed = false;
  private stale = false;
  private readonly onData = (chunk: Buffer): void => this.handleData(chunk);

  constructor(
    private readonly transport: ModemTransport,
    private readonly options: AtEngineOptions,
  ) {
    super();
    this.log = (options.logger ?? rootLogger).child({ port: options.port, component: 'at' });
    this.router =
      options.router ??
      new UrcRouter(undefined, (error, urc) =>
        this.log.error({ err: error, urc: urc.type }, 'URC listener threw; URC routing continues'),
      );
    transport.on('data', this.onData);
  }

  get port(): string {
    return this.options.port;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Whether a timeout left unanswered bytes possibly in flight (next command resyncs first). */
  get isStale(): boolean {
    return this.stale;
  }

  /** Queues a command. Rejects with a typed {@link AtCommandError} (CME/CMS/ERROR/timeout/closed). */
  send(command: AtCommand | string): Promise<AtResponse> {
    const cmd = typeof command === 'string' ? { text: command } : command;
    return this.enqueue('command', cmd);
  }

  /**
   * Queues a resync: optionally ESC to abort a stale `> ` prompt, then `AT` until an OK followed by
   * `resyncQuietMs` of silence. Resolves false when the modem never answered (hang).
   */
  async resync(options: { abortPrompt?: boolean; timeoutMs?: number } = {}): Promise<boolean> {
    try {
      await this.enqueue('resync', {
        text: 'AT',
        timeoutMs: options.timeoutMs,
        promptPayload: options.abortPrompt ? ESC : undefined,
      });
      return true;
    } catch {
      return false;
    }
  }

  /** Rejects the active and every queued command with `AtEngineClosedError`; stops reading. */
  close(detail = 'engine closed'): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    this.transport.off('data', this.onData);
    this.router.reset();
    this.active?.settle({ ok: false, reason: { kind: 'closed', detail } });
    this.resyncWait?.done(false);
    for (const job of this.queue.splice(0)) {
      job.reject(atFailureToError({ kind: 'closed', detail }, this.context(job)));
    }
  }

  private enqueue(kind: Job['kind'], command: AtCommand): Promise<AtResponse> {
    if (this.closed) {
      return Promise.reject(
        atFailureToError(
          { kind: 'closed', detail: 'engine closed' },
          { port: this.port, command: command.text },
        ),
      );
    }
    return new Promise<AtResponse>((resolve, reject) => {
      this.queue.push({ kind, command, queuedAt: new Error('queued'), resolve, reject });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.running) {
      return;
    }
    this.running = true;
    try {
      while (this.queue.length > 0 && !this.closed) {
        const job = this.queue.shift()!;
        if (job.kind === 'resync') {
          await this.runResync(job);
          continue;
        }
        if (this.stale) {
          const ok = await this.resyncOnce(this.timeoutOf({ text: 'AT' }));
          if (!ok) {
            this.stale = true;
          }
        }
        await this.runCommand(job);
      }
    } finally {
      this.running = false;
    }
  }

  private timeoutOf(command: AtCommand): number {
    return command.timeoutMs ?? Math.round(this.options.commandTimeoutMs * (command.timeoutFactor ?? 1));
  }

  private context(job: Job): { port: string; command: string; callerStack?: string } {
    return {
      port: this.port,
      command: job.command.sensitive ? job.command.text.replace(/=.*/, '=***') : job.command.text,
      callerStack: callerStack(job.queuedAt),
    };
  }

  private async runCommand(job: Job): Promise<void> {
    const command = job.command;
    const timeoutMs = this.timeoutOf(command);
    const machine = new AtCommandMachine(command);
    let timer: NodeJS.Timeout | null = null;
    const outcome = await new Promise<Outcome>((resolve) => {
      const active: Active = {
        machine,
        settled: false,
        quietTimer: null,
        settle: (o) => {
          if (active.settled) {
            return;
          }
          active.settled = true;
          if (timer) {
            clearTimeout(timer);
          }
          if (active.quietTimer) {
            clearTimeout(active.quietTimer);
          }
          resolve(o);
        },
      };
      // Waiter first, then the write, then the timer.
      this.active = active;
      this.traceOut(command);
      void this.writeBounded(`${command.text}\r`, timeoutMs).then((failure) => {
        if (failure) {
          active.settle({ ok: false, reason: failure });
        } else if (!active.settled) {
          timer = setTimeout(
            () =>
              active.settle({
                ok: false,
                reason: {
                  kind: 'timeout',
                  phase: machine.state === 'awaiting-prompt' ? 'prompt' : 'response',
                  timeoutMs,
                },
              }),
            timeoutMs,
          );
        }
      });
    });
    this.active = null;
    if (outcome.ok && outcome.final === NO_FINAL_RESULT) {
      // A late final result of this reply must not complete the next command.
      this.stale = true;
    }
    if (outcome.ok) {
      job.resolve({
        command: command.text,
        lines: machine.lines,
        final: outcome.final,
        echoed: machine.echoed,
      });
    } else {
      const error = atFailureToError(outcome.reason, this.context(job));
      if (outcome.reason.kind === 'timeout') {
        this.stale = true;
        this.emit('timeout', error);
      }
      job.reject(error);
    }
    if (!this.closed && (this.options.guardTimeMs ?? 0) > 0) {
      await delay(this.options.guardTimeMs!);
    }
  }

  private async runResync(job: Job): Promise<void> {
    const timeoutMs = this.timeoutOf(job.command);
    if (job.command.promptPayload !== undefined) {
      this.traceOut({ text: '<ESC><CR>' });
      await this.writeBounded(`${ESC}\r`, timeoutMs);
    }
    const ok = (await this.resyncOnce(timeoutMs)) || (!this.closed && (await this.resyncOnce(timeoutMs)));
    if (ok) {
      job.resolve({ command: 'AT', lines: [], final: 'OK', echoed: false });
    } else {
      const reason: AtFailureReason = this.closed
        ? { kind: 'closed', detail: 'engine closed during resync' }
        : { kind: 'timeout', phase: 'response', timeoutMs };
      job.reject(atFailureToError(reason, this.context(job)));
    }
  }

  private resyncOnce(timeoutMs: number): Promise<boolean> {
    if (this.closed) {
      return Promise.resolve(false);
    }
    return new Promise<boolean>((resolve) => {
      const overall = setTimeout(() => wait.done(false), timeoutMs);
      const wait: ResyncWait = {
        sawOk: false,
        quietTimer: null,
        done: (ok) => {
          clearTimeout(overall);
          if (wait.quietTimer) {
            clearTimeout(wait.quietTimer);
          }
          if (this.resyncWait === wait) {
            this.resyncWait = null;
          }
          if (ok) {
            this.stale = false;
          }
          resolve(ok);
        },
      };
      this.resyncWait = wait;
      this.traceOut({ text: 'AT' });
      void this.writeBounded('AT\r', timeoutMs).then((failure) => {
        if (failure) {
          wait.done(false);
        }
      });
    });
  }

  private armQuietFinal(active: Active, quietMs: number): void {
    if (active.quietTimer) {
      clearTimeout(active.quietTimer);
    }
    active.quietTimer = setTimeout(() => active.settle({ ok: true, final: NO_FINAL_RESULT }), quietMs);
  }

  private armQuiet(wait: ResyncWait): void {
    if (wait.quietTimer) {
      clearTimeout(wait.quietTimer);
    }
    wait.quietTimer = setTimeout(() => wait.done(true), this.options.resyncQuietMs ?? 100);
  }

  /** Resolves null when written, or the failure (write error / write not completing in time). */
  private writeBounded(data: string, timeoutMs: number): Promise<AtFailureReason | null> {
    return new Promise<AtFailureReason | null>((resolve) => {
      const timer = setTimeout(() => resolve({ kind: 'timeout', phase: 'write', timeoutMs }), timeoutMs);
      this.transport.write(data).then(
        () => {
          clearTimeout(timer);
          resolve(null);
        },
        (error: unknown) => {
          clearTimeout(timer);
          resolve(
            this.closed
              ? { kind: 'closed', detail: 'engine closed during write' }
              : { kind: 'write-failed', detail: describeError(error) },
          );
        },
      );
    });
  }

  private handleData(chunk: Buffer): void {
    this.lastSeenAt = new Date();
    this.emit('activity');
    let frames: AtFrame[];
    try {
      frames = this.parser.push(chunk);
    } catch (error) {
      this.log.error({ err: error }, 'line parser failed; buffer reset');
      this.parser.reset();
      return;
    }
    for (const frame of frames) {
      try {
        if (frame.type === 'prompt') {
          this.handlePrompt();
        } else {
          this.handleLine(frame.line);
        }
      } catch (error) {
        this.log.error({ err: error }, 'line handling failed; line dropped');
      }
    }
  }

  private handlePrompt(): void {
    this.traceIn('> ');
    const active = this.active;
    if (!active || !active.machine.offerPrompt()) {
      this.log.debug('unexpected "> " prompt dropped');
      return;
    }
    const payload = active.machine.command.promptPayload ?? '';
    this.transport
      .write(`${payload}${CTRL_Z}`)
      .catch((error: unknown) =>
        active.settle({ ok: false, reason: { kind: 'write-failed', detail: describeError(error) } }),
      );
  }

  private handleLine(line: string): void {
    this.traceIn(line);
    if (this.router.awaitingContinuation && this.router.offer(line)) {
      return;
    }
    const wait = this.resyncWait;
    if (wait) {
      const final = parseFinalResult(line);
      if (final) {
        if (final.ok) {
          wait.sawOk = true;
        }
        if (wait.sawOk) {
          this.armQuiet(wait);
        }
        return;
      }
      if (!this.router.offer(line)) {
        this.log.debug({ line }, 'dropped while resyncing');
      }
      return;
    }
    const active = this.active;
    if (active && !active.settled) {
      const offer = active.machine.offer(line);
      if (offer.claimed) {
        if (offer.kind === 'echo') {
          this.emit('echo', line);
        } else if (offer.kind === 'final') {
          active.settle(
            offer.result.ok
              ? { ok: true, final: offer.line }
              : { ok: false, reason: offer.result.reason, final: offer.line },
          );
        } else if (offer.kind === 'info' && active.machine.command.quietFinalMs !== undefined) {
          this.armQuietFinal(active, active.machine.command.quietFinalMs);
        }
        return;
      }
    }
    if (this.router.offer(line)) {
      return;
    }
    if (active && !active.settled && active.machine.offerBare(line)) {
      return;
    }
    this.log.debug({ line }, 'unclaimed line dropped');
    this.emit('unclaimed', line);
  }

  private traceOut(command: AtCommand): void {
    if (this.log.isLevelEnabled('debug')) {
      this.log.debug(`--> ${command.sensitive ? command.text.replace(/=.*/, '=***') : command.text}`);
    }
  }

  private traceIn(line: string): void {
    if (this.log.isLevelEnabled('debug')) {
      this.log.debug(`<-- ${line}`);
    }
  }
}

function guessPrefix(text: string): string[] {
  const match = /^AT([+^$#%*][A-Z0-9]+)/i.exec(text.trim());
  return match ? [`${match[1].toUpperCase()}:`] : [];
}

/**
 * Operator console (`ipgeum at <port> <command>`): opens the port, sends one command, returns the reply
 * lines INCLUDING the final result (`OK`, `ERROR`, `+CME ERROR: 10` …, which are returned, not thrown),
 * closes the port. Throws a typed error only for transport failures and timeouts.
 */
export async function runSingleCommand(
  port: string,
  baudRate: number,
  command: string,
  timeoutMs: number,
  deps: { transportFactory?: (port: string) => ModemTransport; logger?: Logger } = {},
): Promise<string[]> {
  const transport = (deps.transportFactory ?? transportFactory({ baudRate }))(port);
  await transport.open();
  const engine = new AtEngine(transport, {
    port,
    logger: deps.logger,
    commandTimeoutMs: timeoutMs,
    guardTimeMs: 0,
  });
  try {
    const response = await engine.send({
      text: command.trim(),
      prefixes: guessPrefix(command),
      bareLines: true,
      timeoutMs,
      // Every final result ends the exchange successfully: the operator wants to see ERRORs too.
      isFinal: (line) => (parseFinalResult(line) ? { ok: true } : null),
    });
    return [...response.lines, response.final];
  } finally {
    engine.close('single command done');
    await transport.close();
  }
}
