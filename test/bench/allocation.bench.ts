import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { AccountService } from 'src/accounts/account.service';
import { MerchantService } from 'src/merchants/merchant.service';
import { Bench } from 'test/bench/main';
import { insertSim } from 'test/medium/allocation-fixtures';
import { createTestDatabase, startTestGateway } from 'test/utils/test-gateway';

/**
 * Account registrations per second through AccountService (validation, allocation under the global
 * advisory lock, insert), one at a time and 50 at once, on 20 SIMs with a growing account table.
 * 40 merchants x 4 banks is more merchant-bank pairs than 20 SIMs may hold (rule 1), so a share of
 * the registrations is refused with 422; refusals go through the same lock and queries.
 */
const bench: Bench = {
  description: 'account registrations/s with allocation (sequential and 50 in parallel), local PostgreSQL',
  async run() {
    const database = await createTestDatabase();
    const gateway = await startTestGateway({ databaseUrl: database.url, env: { LOG_LEVEL: 'warn' } });
    try {
      const dataSource = gateway.app.get(DataSource);
      for (let i = 0; i < 20; i++) await insertSim(dataSource, { capacity: 1000 });
      const merchants = await Promise.all(
        Array.from({ length: 40 }, (_, i) => gateway.app.get(MerchantService).create({ name: `bench${i}` })),
      );
      const accounts = gateway.app.get(AccountService);
      let serial = 0;
      const banks = [
        { code: '004', digits: 14 },
        { code: '090', digits: 13 },
        { code: '020', digits: 13 },
        { code: '088', digits: 12 },
      ];
      const register = (i: number) => {
        const bank = banks[i % banks.length];
        return accounts
          .create(merchants[i % merchants.length].id, {
            bankCode: bank.code,
            accountNumber: `1${String(serial++).padStart(bank.digits - 1, '0')}`,
            callbackUrl: 'http://127.0.0.1:9/cb',
            charset: 'UTF-8',
          })
          .then(
            () => 'ok',
            (error: Error) => error.name,
          );
      };
      for (const [label, total, parallel] of [
        ['sequential', 400, 1],
        ['50 in parallel', 1000, 50],
      ] as const) {
        const outcomes = new Map<string, number>();
        const start = performance.now();
        for (let done = 0; done < total; done += parallel) {
          const batch = await Promise.all(Array.from({ length: parallel }, (_, k) => register(done + k)));
          for (const outcome of batch) outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        }
        const seconds = (performance.now() - start) / 1000;
        const live = await dataSource.query<{ n: string }[]>('SELECT COUNT(*) AS n FROM bank_accounts');
        process.stdout.write(
          `${label.padEnd(15)} ${total} registrations in ${seconds.toFixed(2)} s = ${(total / seconds).toFixed(0)}/s` +
            ` (${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}; ${live[0].n} accounts in the table)\n`,
        );
      }
    } finally {
      await gateway.close();
      await database.drop();
    }
  },
};

export default bench;
