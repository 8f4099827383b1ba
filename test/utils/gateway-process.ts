import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { TEST_ADMIN_TOKEN, testServices } from 'test/utils/test-gateway';

const ROOT = resolve(__dirname, '..', '..');
const ENTRY = join(__dirname, 'gateway-process.main.ts');
const OUTPUT_KEPT = 64 * 1024;

export interface GatewayProcessOptions {
  databaseUrl: string;
  /** Extra environment (MODEMS, MODEM_SWEEP_INTERVAL_MS …); the test's admin token is set. */
  env?: Record<string, string>;
  /** How long a start may take before it counts as failed (ts-node compiles on start). */
  startTimeoutMs?: number;
  /** Bull key prefix; default a fresh one. A test that restarts the gateway by hand passes its own. */
  queuePrefix?: string;
}

/**
 * The whole gateway as a child process, so a test can SIGKILL it at any moment and start it again on
 * the same port, database and Bull prefix, as a crash and a supervisor restart would.
 */
export class GatewayProcess {
  private child: ChildProcess | null = null;
  private output = '';
  private exited: Promise<void> = Promise.resolve();
  /** Starts so far (1 after `start`). */
  starts = 0;

  private constructor(
    readonly url: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly queuePrefix: string,
    private readonly startTimeoutMs: number,
  ) {}

  static async start(options: GatewayProcessOptions): Promise<GatewayProcess> {
    const { redisUrl } = await testServices();
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: redisUrl,
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      CALLBACK_ALLOW_PRIVATE: 'true',
      NODE_ID: 'test-node',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ...options.env,
    };
    const gateway = new GatewayProcess(
      `http://127.0.0.1:${port}`,
      env,
      options.queuePrefix ?? `ipgeum-test-${randomBytes(4).toString('hex')}`,
      options.startTimeoutMs ?? 60_000,
    );
    await gateway.restart();
    return gateway;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The last 64 KiB the child wrote (stdout and stderr), for a failing test's message. */
  get recentOutput(): string {
    return this.output;
  }

  /** Starts the child (again) and resolves once its operator API answers. */
  async restart(): Promise<void> {
    if (this.child) throw new Error('gateway process is still running');
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', ENTRY, this.queuePrefix],
      { cwd: ROOT, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    this.starts += 1;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-OUTPUT_KEPT);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    let gone = false;
    this.exited = new Promise<void>((done) =>
      child.once('exit', () => {
        gone = true;
        if (this.child === child) this.child = null;
        done();
      }),
    );
    const deadline = Date.now() + this.startTimeoutMs;
    for (;;) {
      if (gone) throw new Error(`gateway process exited during start:\n${this.output}`);
      if (await this.answers()) return;
      if (Date.now() > deadline) {
        await this.kill();
        throw new Error(`gateway process did not answer within ${this.startTimeoutMs} ms:\n${this.output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed; resolves once the process is gone. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  private async answers(): Promise<boolean> {
    try {
      const response = await fetch(`${this.url}/api/v1/admin/modems`, {
        headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
        signal: AbortSignal.timeout(1_000),
      });
      return response.status === 200;
    } catch {
      return false;
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
