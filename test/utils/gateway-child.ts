import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { createApp } from 'src/bootstrap';
import { loadConfig } from 'src/config/env.dto';
import { GatewayHandle } from 'test/utils/callback-harness';
import { TEST_ADMIN_TOKEN, testServices } from 'test/utils/test-gateway';

const READY = 'IPGEUM_CHILD_LISTENING ';
const PREFIX_VARIABLE = 'IPGEUM_CHILD_QUEUE_PREFIX';

/** A gateway in a child process, so a test can SIGKILL it like a crash or a power cut. */
export interface GatewayChild extends GatewayHandle {
  pid: number;
  /** SIGKILL: no shutdown hook runs, nothing is flushed; resolves once the process is gone. */
  kill(): Promise<void>;
}

/** Starts `node gateway-child.ts` (ts-node) with the gateway environment; resolves when it listens. */
export async function startGatewayChild(
  env: Record<string, string>,
  databaseUrl: string,
  queuePrefix: string,
): Promise<GatewayChild> {
  const { redisUrl } = await testServices();
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', __filename],
    {
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        ADMIN_TOKEN: TEST_ADMIN_TOKEN,
        CALLBACK_ALLOW_PRIVATE: 'true',
        NODE_ID: 'test-node',
        ...env,
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        PORT: '0',
        HOST: '127.0.0.1',
        [PREFIX_VARIABLE]: queuePrefix,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`gateway child did not start:\n${output.join('')}`)),
      60_000,
    );
    child.stderr.on('data', (chunk: Buffer) => keep(output, chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      keep(output, text);
      const line = text.split('\n').find((l) => l.startsWith(READY));
      if (line) {
        clearTimeout(timer);
        resolve(line.slice(READY.length).trim());
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway child exited with ${code}:\n${output.join('')}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    kill: () => stop(child, 'SIGKILL', exited),
    close: () => stop(child, 'SIGTERM', exited),
  };
}

function keep(lines: string[], text: string): void {
  lines.push(text);
  if (lines.length > 200) lines.shift();
}

async function stop(child: ChildProcess, signal: NodeJS.Signals, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** The child itself: the production bootstrap with the test's own Bull prefix. */
async function main(): Promise<void> {
  const config = { ...loadConfig(process.env), queuePrefix: process.env[PREFIX_VARIABLE] ?? 'ipgeum' };
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const address = (
    app.getHttpServer() as import('node:http').Server
  ).address() as import('node:net').AddressInfo;
  process.stdout.write(`${READY}http://127.0.0.1:${address.port}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
