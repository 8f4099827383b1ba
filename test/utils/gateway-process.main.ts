import 'reflect-metadata';
import { createApp } from 'src/bootstrap';
import { loadConfig } from 'src/config/env.dto';

/**
 * Entry of {@link GatewayProcess}: `src/main.ts` plus a Bull prefix of the test's own (argv[2]), so a
 * gateway run as a child process never shares queue keys with another suite on the same Redis.
 */
async function main(): Promise<void> {
  const config = { ...loadConfig(), queuePrefix: process.argv[2] ?? 'ipgeum' };
  const app = await createApp(config);
  await app.listen(config.port, config.host);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `gateway child failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
