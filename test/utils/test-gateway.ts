import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { ensureLocalServices, LocalServices } from 'hardware/demo/local-services';
import { createApp } from 'src/bootstrap';
import { AppConfig, loadConfig } from 'src/config/env.dto';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

let services: Promise<LocalServices> | null = null;
/** Real PostgreSQL and Redis, found by the same rules as the demo (CONTRACT.md). */
export function testServices(): Promise<LocalServices> {
  services ??= ensureLocalServices(process.env);
  return services;
}

/** A database of its own per suite, so suites never see each other's rows. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const { databaseUrl } = await testServices();
  const name = `ipgeum_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const admin = new URL(databaseUrl);
      admin.pathname = '/postgres';
      const client = new Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface TestGateway {
  app: INestApplication;
  url: string;
  config: AppConfig;
  close(): Promise<void>;
}

/** The full gateway (REST, modems, queue) on an ephemeral loopback port. */
export async function startTestGateway(options: {
  databaseUrl: string;
  env?: Record<string, string>;
  queuePrefix?: string;
}): Promise<TestGateway> {
  const { redisUrl } = await testServices();
  const config: AppConfig = {
    ...loadConfig({
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: redisUrl,
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      CALLBACK_ALLOW_PRIVATE: 'true',
      NODE_ID: 'test-node',
      ...options.env,
    }),
    queuePrefix: options.queuePrefix ?? `ipgeum-test-${randomBytes(4).toString('hex')}`,
  };
  const app = await createApp(config, { shutdownHooks: false });
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as import('node:http').Server).address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, config, close: () => app.close() };
}

export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
