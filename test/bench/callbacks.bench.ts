import { ChildProcess, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { AccountService } from 'src/accounts/account.service';
import { CallbackScheduler } from 'src/callbacks/callback.scheduler';
import { MerchantService } from 'src/merchants/merchant.service';
import { Bench } from 'test/bench/main';
import { insertSim } from 'test/medium/allocation-fixtures';
import { createTestDatabase, startTestGateway, waitFor } from 'test/utils/test-gateway';

const DEPOSITS = 10_000;
const RECEIVER_PORTS = 8;
const CONCURRENCY = '64';

/**
 * A merchant fleet on loopback in its own process: RECEIVER_PORTS origins (shops), each answering
 * `OK` at once with keep-alive. Separate from the gateway so the two do not share an event loop.
 */
const RECEIVER = `
const http = require('node:http');
let served = 0;
const ports = [];
let pending = ${RECEIVER_PORTS};
for (let i = 0; i < ${RECEIVER_PORTS}; i++) {
  const server = http.createServer((req, res) => { served++; res.writeHead(200, {'content-type': 'text/plain'}).end('OK'); });
  server.keepAliveTimeout = 30000;
  server.listen(0, '127.0.0.1', () => { ports.push(server.address().port); if (--pending === 0) console.log(JSON.stringify(ports)); });
}
process.on('SIGTERM', () => { console.log('served ' + served); process.exit(0); });
`;

async function startReceivers(): Promise<{ ports: number[]; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', RECEIVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ports = await new Promise<number[]>((resolve) =>
    child.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString()) as number[])),
  );
  return { ports, child };
}

/**
 * Deliveries per second through the whole callback stage: Bull job, the deposit loaded from
 * PostgreSQL, the request signed and sent with undici, the merchant's OK, the attempt row and the
 * deposit state committed in one transaction. Deposits are written straight into PostgreSQL as the
 * recorder leaves them (`sending`, due now), then attempt 1 of each is enqueued.
 */
const bench: Bench = {
  description: `callbacks/s: ${DEPOSITS} deposits to ${RECEIVER_PORTS} local merchant endpoints, CALLBACK_CONCURRENCY=${CONCURRENCY}`,
  async run() {
    const receivers = await startReceivers();
    const database = await createTestDatabase();
    const gateway = await startTestGateway({
      databaseUrl: database.url,
      env: { LOG_LEVEL: 'warn', CALLBACK_CONCURRENCY: CONCURRENCY },
    });
    try {
      const dataSource = gateway.app.get(DataSource);
      await insertSim(dataSource, { capacity: 1000 });
      const merchant = await gateway.app.get(MerchantService).create({ name: 'bench' });
      const accounts = [];
      for (let i = 0; i < RECEIVER_PORTS; i++) {
        accounts.push(
          await gateway.app.get(AccountService).create(merchant.id, {
            bankCode: '004',
            accountNumber: `1234567890${String(i).padStart(4, '0')}`,
            callbackUrl: `http://127.0.0.1:${receivers.ports[i]}/callback`,
            charset: 'UTF-8',
          }),
        );
      }
      const ids = await seedDeposits(
        dataSource,
        merchant.id,
        accounts.map((a) => a.id),
      );
      const scheduler = gateway.app.get(CallbackScheduler);
      const start = performance.now();
      for (let i = 0; i < ids.length; i += 500) {
        await Promise.all(ids.slice(i, i + 500).map((id) => scheduler.schedule(id, 1, 0)));
      }
      const enqueued = performance.now();
      const samples: { t: number; done: number }[] = [];
      await waitFor(
        async () => {
          const [row] = await dataSource.query<{ n: string }[]>(
            "SELECT count(*) AS n FROM deposits WHERE status = 'success'",
          );
          samples.push({ t: performance.now(), done: Number(row.n) });
          return Number(row.n) === DEPOSITS;
        },
        170_000,
        'every deposit delivered',
      );
      const seconds = (performance.now() - start) / 1000;
      // Sustained rate: between 20 % and 80 % done, away from ramp-up and the tail.
      const from = samples.find((s) => s.done >= DEPOSITS * 0.2)!;
      const to = samples.find((s) => s.done >= DEPOSITS * 0.8)!;
      const sustained = (to.done - from.done) / ((to.t - from.t) / 1000);
      const [attempts] = await dataSource.query<{ n: string; failed: string }[]>(
        'SELECT count(*) AS n, count(*) FILTER (WHERE NOT success) AS failed FROM callback_attempts',
      );
      process.stdout.write(
        `${DEPOSITS} callbacks in ${seconds.toFixed(2)} s = ${(DEPOSITS / seconds).toFixed(0)}/s overall, ` +
          `${sustained.toFixed(0)}/s sustained (20-80 %); enqueueing took ${((enqueued - start) / 1000).toFixed(2)} s; ` +
          `${attempts.n} attempt rows, ${attempts.failed} failed\n`,
      );
    } finally {
      await gateway.close();
      await database.drop();
      receivers.child.kill('SIGTERM');
    }
  },
};

/** Deposits as the recorder writes them: one InboundSms each, status `sending`, due now. */
async function seedDeposits(
  dataSource: DataSource,
  merchantId: string,
  accountIds: string[],
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < DEPOSITS; i += 1000) {
    const n = Math.min(1000, DEPOSITS - i);
    const rows = await dataSource.query<{ id: string }[]>(
      `WITH sms AS (
         INSERT INTO inbound_sms (fingerprint, modem_port, sender, text, pdus, received_at, status)
         SELECT lpad(to_hex($1::int + g), 64, '0'), 'bench', '16449999', 'bench', ARRAY['00'], now(), 'deposit'
           FROM generate_series(0, $2::int - 1) g
         RETURNING id)
       INSERT INTO deposits (tid, inbound_sms_id, merchant_id, account_id, bank_code, amount, depositor_name,
                             deposited_at, verdict, status, attempts, next_attempt_at, sms_received_at)
       SELECT lpad((990000000000000 + sms.id)::text, 15, '0'), sms.id, $3, ($4::uuid[])[1 + sms.id % $5],
              '004', 1000 + sms.id, '홍길동', now(), 'verified', 'sending', 0, now(), now()
         FROM sms
       RETURNING id`,
      [i, n, merchantId, accountIds, accountIds.length],
    );
    ids.push(...rows.map((row) => String(row.id)));
  }
  return ids;
}

export default bench;
