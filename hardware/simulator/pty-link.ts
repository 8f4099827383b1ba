/**
 * A pseudo-terminal served by socat: `socat PTY,raw,echo=0,link=<path> STDIO`.
 *
 * The gateway opens `<path>` (a symlink to /dev/pts/N) with serialport like any tty; the simulator
 * talks to socat's stdin/stdout, so Node never holds a pty master itself (no blocking tty reads
 * on the libuv thread pool, whatever the number of modems).
 *
 * No orphans:
 * - `stop()` sends SIGTERM, waits for the exit, then SIGKILLs and removes the link if socat did not.
 * - every live socat is killed synchronously on the parent's 'exit' event.
 * - if the parent dies hard (SIGKILL), socat reads EOF on its stdin pipe and exits by itself
 *   (-t 0.1), removing its link.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { lstat, unlink } from 'node:fs/promises';

export const SOCAT_BIN = process.env.SIM_SOCAT_BIN ?? 'socat';

const LIVE = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) {
    return;
  }
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of LIVE) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

/** socat children currently alive (for tests that check for orphans). */
export function liveSocatPids(): number[] {
  return [...LIVE].map((c) => c.pid).filter((p): p is number => typeof p === 'number');
}

export class PtyLink extends EventEmitter {
  private child: ChildProcess | null = null;
  private stopping = false;

  constructor(readonly path: string) {
    super();
  }

  get running(): boolean {
    return this.child !== null;
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** Spawns socat and resolves once the link exists (rejects if socat fails or takes > timeoutMs). */
  async start(timeoutMs = 5000): Promise<void> {
    if (this.child) {
      return;
    }
    installExitHook();
    this.stopping = false;
    await removeStaleLink(this.path);
    const child = spawn(SOCAT_BIN, ['-t', '0.1', `PTY,raw,echo=0,link=${this.path}`, 'STDIO'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    LIVE.add(child);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    child.stdout?.on('data', (d: Buffer) => this.emit('data', d));
    child.stdin?.on('error', () => undefined); // EPIPE while socat is going away
    const exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        LIVE.delete(child);
        if (this.child === child) {
          this.child = null;
        }
        if (!this.stopping) {
          this.emit('unexpected-exit', { code, signal, stderr });
        }
        resolve();
      });
      child.once('error', (err) => {
        stderr += String(err);
        LIVE.delete(child);
        if (this.child === child) {
          this.child = null;
        }
        resolve();
      });
    });
    (child as ChildProcess & { exited?: Promise<void> }).exited = exited;

    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await linkExists(this.path)) {
        return;
      }
      if (this.child !== child) {
        throw new Error(
          `socat for ${this.path} exited before creating the pty: ${stderr.trim() || 'no output'}`,
        );
      }
      if (Date.now() > deadline) {
        await this.stop();
        throw new Error(`socat did not create ${this.path} within ${timeoutMs} ms`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  write(data: Buffer): void {
    const stdin = this.child?.stdin;
    if (stdin && !stdin.destroyed) {
      stdin.write(data);
    }
  }

  /** Kills socat (TERM, then KILL after 1 s) and makes sure the link is gone. */
  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (child) {
      const exited = (child as ChildProcess & { exited?: Promise<void> }).exited ?? Promise.resolve();
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 1000);
      await exited;
      clearTimeout(killTimer);
      this.child = null;
    }
    await removeStaleLink(this.path);
  }
}

async function linkExists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** Removes `path` only if it is a symlink (what socat leaves); never touches a real file. */
async function removeStaleLink(path: string): Promise<void> {
  try {
    const st = await lstat(path);
    if (st.isSymbolicLink()) {
      await unlink(path);
    }
  } catch {
    // absent
  }
}
