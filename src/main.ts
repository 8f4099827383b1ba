import 'reflect-metadata';
import { createApp } from 'src/bootstrap';
import { AppError } from 'src/common/app-error';
import { rootLogger } from 'src/common/logger';
import { loadConfig } from 'src/config/env.dto';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    // One clear line naming the variable, then stop.
    process.stderr.write(`${error instanceof AppError ? error.message : String(error)}\n`);
    process.exit(78);
  }
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  rootLogger.info(
    { port: config.port, host: config.host, modems: config.modems.length, nodeId: config.nodeId },
    'Ipgeum gateway listening',
  );
}

main().catch((error: unknown) => {
  rootLogger.fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
});
