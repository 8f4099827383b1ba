import { GatewayHandle } from 'test/utils/callback-harness';
import { GatewayProcess } from 'test/utils/gateway-process';

/** A gateway in a child process, so a test can SIGKILL it like a crash or a power cut. */
export interface GatewayChild extends GatewayHandle {
  pid: number;
  /** SIGKILL: no shutdown hook runs, nothing is flushed; resolves once the process is gone. */
  kill(): Promise<void>;
}

/**
 * {@link GatewayProcess} in the shape `CallbackHarness.startGateway` takes: each (re)start is a new
 * child on the same database and Bull prefix.
 */
export async function startGatewayChild(
  env: Record<string, string>,
  databaseUrl: string,
  queuePrefix: string,
): Promise<GatewayChild> {
  const gateway = await GatewayProcess.start({ databaseUrl, env, queuePrefix });
  return {
    url: gateway.url,
    pid: gateway.pid ?? 0,
    kill: () => gateway.kill(),
    close: () => gateway.stop(),
  };
}
