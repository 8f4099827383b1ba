import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { kbAccountHint, kbDepositText } from 'hardware/demo/demo-bank';
import { startDemoMerchant } from 'hardware/demo/demo-merchant';
import { ensureLocalServices } from 'hardware/demo/local-services';
import { Simulator } from 'hardware/simulator/simulator';
import { createApp } from 'src/bootstrap';
import { loadConfig } from 'src/config/env.dto';

/**
 * `npm run demo`: the gateway with simulated modems, a simulated bank that texts KB deposits now
 * and then, and a merchant endpoint that answers OK — everything on this machine, nothing faked
 * but the radio.
 */
const INTERVAL_MS = Number(process.env.DEMO_INTERVAL_MS ?? 5000);
const print = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 23)} ${line}\n`);

async function main(): Promise<void> {
  const services = await ensureLocalServices(process.env);
  const simulator = await Simulator.start({ modems: 2 });
  const merchantEndpoint = await startDemoMerchant(Number(process.env.DEMO_MERCHANT_PORT ?? 3001), print);
  const adminToken = process.env.ADMIN_TOKEN ?? `demo-${randomBytes(12).toString('hex')}`;
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: services.databaseUrl,
    REDIS_URL: services.redisUrl,
    ADMIN_TOKEN: adminToken,
    MODEMS: simulator.modems.map((modem) => modem.path).join(','),
    CALLBACK_ALLOW_PRIVATE: 'true',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  const app = await createApp(config, { shutdownHooks: false });
  await app.listen(config.port, config.host);
  const api = `http://127.0.0.1:${config.port}`;
  const admin = { Authorization: `Bearer ${adminToken}` };

  // Wait until the modems are initialised and their SIMs (with CNUM numbers) are known.
  for (let i = 0; i < 100; i++) {
    const sims = (await request(api).get('/api/v1/admin/sims').set(admin)).body as {
      phoneNumber: string | null;
    }[];
    if (sims.length === simulator.modems.length && sims.every((sim) => sim.phoneNumber)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const merchant = (await request(api).post('/api/v1/admin/merchants').set(admin).send({ name: '데모상점' }))
    .body as { apiKey: string };
  const merchantAuth = { Authorization: `Bearer ${merchant.apiKey}` };
  const accountNumber = `${Date.now()}`.slice(-8).padStart(14, '9');
  const registered = await request(api).post('/api/v1/accounts').set(merchantAuth).send({
    bankCode: '004',
    accountNumber,
    holder: '데모상점',
    callbackUrl: merchantEndpoint.url,
    charset: 'UTF-8',
  });
  if (registered.status !== 201) {
    throw new Error(`account registration failed: ${JSON.stringify(registered.body)}`);
  }
  const account = registered.body as { notificationNumber: string };
  const modem = simulator.modems.find(
    (m) => m.phoneNumber && account.notificationNumber.replace(/-/g, '').endsWith(m.phoneNumber.slice(-8)),
  );
  if (!modem) throw new Error('no simulated modem holds the allocated number');

  print(`Ipgeum demo running`);
  print(`  REST API      ${api}/api/v1   (OpenAPI docs: ${api}/docs)`);
  print(`  operator      Authorization: Bearer ${adminToken}`);
  print(`  merchant      Authorization: Bearer ${merchant.apiKey}`);
  print(
    `  account       KB국민 ${accountNumber} -> 입금통지번호 ${account.notificationNumber} (modem ${modem.id}: ${modem.path})`,
  );
  print(`  simulator     ${simulator.controlUrl}   merchant endpoint ${merchantEndpoint.url}`);
  print(`  try: curl -H 'Authorization: Bearer ${merchant.apiKey}' ${api}/api/v1/deposits`);

  let balance = 1_000_000;
  const bank = setInterval(() => {
    const sms = kbDepositText(kbAccountHint(accountNumber), balance);
    balance = sms.balance;
    print(
      `[bank]     SMS to ${account.notificationNumber}: ${sms.name} ${sms.amount.toLocaleString('ko-KR')}원`,
    );
    simulator
      .injectSms(modem.id, { sender: '16449999', text: sms.text })
      .catch((error: unknown) => print(`[bank] inject failed: ${String(error)}`));
  }, INTERVAL_MS);

  const stop = async () => {
    clearInterval(bank);
    await app.close();
    await simulator.close();
    await merchantEndpoint.close();
    await services.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
