import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL } from 'src/config/env.dto';

/**
 * Finds PostgreSQL and Redis the way CONTRACT.md says the demo and the tests do: the configured
 * URLs; else the defaults when reachable; else private instances started from locally installed
 * binaries with their data under `.data/`; else a clear error naming the install command. Never a
 * fake database or queue.
 */
export interface LocalServices {
  databaseUrl: string;
  redisUrl: string;
  stop(): Promise<void>;
}

const INSTALL_HINT = 'apt-get install -y postgresql redis-server   (Debian/Ubuntu)';
const PRIVATE_PG_PORT = 54329;
const PRIVATE_REDIS_PORT = 63799;

export async function ensureLocalServices(
  env: NodeJS.ProcessEnv = process.env,
  dataDir = resolve('.data'),
): Promise<LocalServices> {
  const children: ChildProcess[] = [];
  const stops: (() => void)[] = [];
  const databaseUrl = await resolveService('PostgreSQL', env.DATABASE_URL, DEFAULT_DATABASE_URL, async () => {
    const url = startPrivatePostgres(join(dataDir, 'pg'), stops);
    await waitReachable(url, 15_000);
    return url;
  });
  const redisUrl = await resolveService('Redis', env.REDIS_URL, DEFAULT_REDIS_URL, async () => {
    const url = startPrivateRedis(children);
    await waitReachable(url, 10_000);
    return url;
  });
  return {
    databaseUrl,
    redisUrl,
    stop: () => {
      for (const child of children) child.kill('SIGTERM');
      for (const stop of stops) stop();
      return Promise.resolve();
    },
  };
}

async function resolveService(
  name: string,
  configured: string | undefined,
  fallback: string,
  startPrivate: () => Promise<string>,
): Promise<string> {
  if (configured) {
    if (!(await reachable(configured))) {
      throw new Error(`${name} at ${redact(configured)} is not reachable (check the URL or start it)`);
    }
    return configured;
  }
  if (await reachable(fallback)) return fallback;
  try {
    return await startPrivate();
  } catch (error) {
    throw new Error(
      `${name} is not running at ${fallback} and no private instance could be started (${(error as Error).message}). Install it with:\n  ${INSTALL_HINT}`,
    );
  }
}

function startPrivatePostgres(dir: string, stops: (() => void)[]): string {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL binaries (initdb, pg_ctl) not found');
  // initdb refuses to run as root; run the private cluster as the postgres system user then.
  const asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  const run = (args: string[]) =>
    execFileSync(asUser[0] ?? args[0], asUser.length ? [...asUser.slice(1), ...args] : args.slice(1), {
      stdio: 'ignore',
    });
  mkdirSync(dir, { recursive: true });
  if (asUser.length) execFileSync('chown', ['-R', 'postgres', dir]);
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    run([join(bin, 'initdb'), '-D', dir, '-U', 'postgres', '--auth=trust']);
  }
  run([
    join(bin, 'pg_ctl'),
    '-D',
    dir,
    '-o',
    `-p ${PRIVATE_PG_PORT} -k ${dir} -c listen_addresses=127.0.0.1`,
    '-l',
    join(dir, 'log'),
    'start',
  ]);
  stops.push(() => run([join(bin, 'pg_ctl'), '-D', dir, 'stop', '-m', 'fast']));
  return `postgres://postgres@127.0.0.1:${PRIVATE_PG_PORT}/ipgeum`;
}

function startPrivateRedis(children: ChildProcess[]): string {
  const binary = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((path) => existsSync(path));
  if (!binary) throw new Error('redis-server not found');
  const child = spawn(
    binary,
    ['--port', String(PRIVATE_REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  children.push(child);
  return `redis://127.0.0.1:${PRIVATE_REDIS_PORT}`;
}

function findPostgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(root, v, 'bin')).find((bin) => existsSync(join(bin, 'initdb'))) ?? null;
}

export function reachable(url: string, timeoutMs = 1000): Promise<boolean> {
  const { hostname, port, protocol } = new URL(url);
  const defaultPort = protocol.startsWith('redis') ? 6379 : 5432;
  return new Promise((done) => {
    const socket = new Socket();
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.connect(Number(port || defaultPort), hostname.replace(/^\[|\]$/g, ''), () => finish(true));
  });
}

async function waitReachable(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await reachable(url)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`did not come up within ${timeoutMs} ms`);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}
