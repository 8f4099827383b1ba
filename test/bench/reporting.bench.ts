import { get } from 'node:http';
import { DataSource } from 'typeorm';
import { formatKst } from 'src/common/clock';
import { DepositFilter } from 'src/deposits/deposit-filter';
import { DepositRepository } from 'src/deposits/deposit.repository';
import { DepositService } from 'src/deposits/deposit.service';
import { MerchantService } from 'src/merchants/merchant.service';
import { StatsRepository } from 'src/stats/stats.repository';
import { dailyPeriods, monthlyPeriods } from 'src/stats/stats.service';
import { Bench } from 'test/bench/main';
import {
  BENCH_DEPOSITS,
  BENCH_MERCHANTS,
  generateReportingData,
  hasReportingData,
} from 'test/bench/reporting-data';
import { startTestGateway, testServices, TestGateway } from 'test/utils/test-gateway';

const DATABASE = 'ipgeum_bench_reporting';
const WARMUP = 5;
const SAMPLES = 40;
const EXPORT_ROWS = 100_000;
const TARGETS = { listP95Ms: 30, statsP95Ms: 50, exportMs: 10_000, exportRssMb: 100 };

interface Subject {
  label: string;
  merchantId: string;
  auth: string;
  accountId: string;
  bankCode: string;
  tid: string;
  rows: number;
}

/** Times `count` runs of a request after a warm-up; milliseconds, sorted. */
async function timings(url: string, auth: string, count = SAMPLES): Promise<number[]> {
  const once = async () => {
    const started = performance.now();
    const response = await fetch(url, { headers: { Authorization: auth } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
    return performance.now() - started;
  };
  for (let i = 0; i < WARMUP; i += 1) await once();
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) times.push(await once());
  return times.sort((a, b) => a - b);
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
const ms = (value: number) => value.toFixed(1).padStart(7);
const kstDay = (date: Date) => formatKst(date).slice(0, 10);

function line(label: string, times: number[], target: number): boolean {
  const p95 = quantile(times, 0.95);
  const ok = p95 < target;
  process.stdout.write(
    `  ${label.padEnd(58)} p50 ${ms(quantile(times, 0.5))}  p95 ${ms(p95)}  max ${ms(times.at(-1)!)}  ${ok ? 'ok' : `OVER ${target} ms`}\n`,
  );
  return ok;
}

/** The list's filter combinations, as a merchant's screen and scripts send them. */
function listQueries(subject: Subject, now: Date): [string, string][] {
  const month = formatKst(new Date(now.getTime() - 400 * 86_400_000)).slice(0, 7);
  const name = (text: string) => encodeURIComponent(text);
  return [
    ['all time, page 1', ''],
    ['all time, pageSize=100', 'pageSize=100'],
    ['all time, page 50 (offset 490)', 'page=50'],
    ['preset=today', 'preset=today'],
    ['preset=yesterday', 'preset=yesterday'],
    ['preset=7d', 'preset=7d'],
    ['preset=30d', 'preset=30d'],
    ['preset=90d', 'preset=90d'],
    [`month=${month}`, `month=${month}`],
    ['from/to one year', `from=${kstDay(new Date(now.getTime() - 365 * 86_400_000))}&to=${kstDay(now)}`],
    ['bankCode, all time', `bankCode=${subject.bankCode}`],
    ['accountId, all time', `accountId=${subject.accountId}`],
    ['accountId + 30d', `accountId=${subject.accountId}&preset=30d`],
    ['status=no_response, all time', 'status=no_response'],
    ['status=sending + 90d', 'status=sending&preset=90d'],
    ['verdict=suspicious, all time', 'verdict=suspicious'],
    ['name=김 (partial), all time', `name=${name('김')}`],
    ['name="김 민준" (spaces ignored), all time', `name=${name('김 민준')}`],
    ['name=한빛 + 90d', `name=${name('한빛')}&preset=90d`],
    ['tid', `tid=${subject.tid}`],
    ['minAmount=1000000, all time', 'minAmount=1000000'],
    ['amount 10,000..20,000 + month', `minAmount=10000&maxAmount=20000&month=${month}`],
    [
      'everything: 30d+bank+account+status+verdict+name+amount',
      `preset=30d&bankCode=${subject.bankCode}&accountId=${subject.accountId}&status=success&verdict=verified&name=${name('민')}&minAmount=5000&maxAmount=3000000`,
    ],
    ['since=0 feed, limit 100', 'since=0&limit=100'],
  ];
}

async function subjectOf(gateway: TestGateway, dataSource: DataSource, name: string): Promise<Subject> {
  const [row] = await dataSource.query<
    { merchant_id: string; account_id: string; bank_code: string; tid: string; rows: string }[]
  >(
    `SELECT m.id AS merchant_id, d.account_id, d.bank_code, d.tid,
            (SELECT count(*) FROM deposits WHERE merchant_id = m.id) AS rows
       FROM merchants m JOIN LATERAL (SELECT * FROM deposits WHERE merchant_id = m.id LIMIT 1) d ON true
      WHERE m.name = $1`,
    [name],
  );
  const key = await gateway.app.get(MerchantService).createApiKey(row.merchant_id);
  return {
    label: name,
    merchantId: row.merchant_id,
    auth: `Bearer ${key.apiKey}`,
    accountId: row.account_id,
    bankCode: row.bank_code,
    tid: row.tid,
    rows: Number(row.rows),
  };
}

/** EXPLAIN (ANALYZE, BUFFERS) of the exact SQL a repository builds. */
async function explain(
  dataSource: DataSource,
  title: string,
  query: { getQueryAndParameters(): [string, unknown[]] },
) {
  const [sql, parameters] = query.getQueryAndParameters();
  const plan = await dataSource.query<{ 'QUERY PLAN': string }[]>(
    `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
    parameters,
  );
  process.stdout.write(`\n  -- ${title}\n${plan.map((row) => `    ${row['QUERY PLAN']}`).join('\n')}\n`);
}

/**
 * Downloads an export with node:http (lighter than fetch's web streams), sampling this process's
 * RSS every 10 ms: server and client both live here, so the growth is an upper bound for the server.
 */
async function measureExport(
  url: string,
  auth: string,
): Promise<{ ms: number; bytes: number; rssGrowthMb: number; lines: number }> {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const started = performance.now();
  const { bytes, lines } = await new Promise<{ bytes: number; lines: number }>((resolve, reject) => {
    get(url, { headers: { Authorization: auth } }, (response) => {
      if (response.statusCode !== 200) reject(new Error(`${url}: HTTP ${response.statusCode}`));
      let count = 0;
      let newlines = 0;
      response.on('data', (chunk: Buffer) => {
        count += chunk.length;
        for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) newlines += 1;
      });
      response.on('end', () => resolve({ bytes: count, lines: newlines }));
      response.on('error', reject);
    }).on('error', reject);
  });
  const elapsed = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { ms: elapsed, bytes, rssGrowthMb: (peak - baseline) / 2 ** 20, lines };
}

const bench: Bench = {
  description: `deposit list, statistics and export over ${BENCH_DEPOSITS.toLocaleString()} deposits, ${BENCH_MERCHANTS} merchants, 3 years`,
  async run() {
    const { databaseUrl } = await testServices();
    const url = new URL(databaseUrl);
    url.pathname = `/${DATABASE}`;
    const gateway = await startTestGateway({ databaseUrl: url.toString() });
    const failures: string[] = [];
    try {
      if (await hasReportingData(url.toString())) {
        process.stdout.write(`data: reusing ${DATABASE} (generated today)\n`);
      } else {
        const started = performance.now();
        await generateReportingData(url.toString());
        process.stdout.write(
          `data: generated into ${DATABASE} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
        );
      }
      const dataSource = gateway.app.get(DataSource);
      const now = new Date();
      const subjects = [
        await subjectOf(gateway, dataSource, 'bench-001'),
        await subjectOf(gateway, dataSource, 'bench-100'),
      ];

      for (const subject of subjects) {
        process.stdout.write(
          `\nlist, ${subject.label} (${subject.rows.toLocaleString()} deposits), ${SAMPLES} requests each over HTTP:\n`,
        );
        for (const [label, query] of listQueries(subject, now)) {
          const times = await timings(`${gateway.url}/api/v1/deposits?${query}`, subject.auth);
          if (!line(label, times, TARGETS.listP95Ms)) failures.push(`list ${subject.label}: ${label}`);
        }
      }

      const big = subjects[0];
      process.stdout.write(`\nstatistics, ${big.label}:\n`);
      const months = Array.from({ length: 12 }, (_, i) =>
        formatKst(new Date(now.getTime() - i * 91 * 86_400_000)).slice(0, 7),
      );
      const statsCases: [string, string[]][] = [
        ['daily, 12 different months', months.map((month) => `daily?month=${month}`)],
        [
          'daily + bankCode + status',
          months.map((month) => `daily?month=${month}&bankCode=${big.bankCode}&status=success`),
        ],
        ['daily + accountId', months.map((month) => `daily?month=${month}&accountId=${big.accountId}`)],
        ['monthly, a whole year', [0, 1, 2].map((back) => `monthly?year=${now.getUTCFullYear() - back}`)],
      ];
      for (const [label, paths] of statsCases) {
        const times: number[] = [];
        for (const path of paths) {
          times.push(...(await timings(`${gateway.url}/api/v1/stats/${path}`, big.auth, 10)));
        }
        if (
          !line(
            label,
            times.sort((a, b) => a - b),
            TARGETS.statsP95Ms,
          )
        ) {
          failures.push(`stats: ${label}`);
        }
      }

      // The KST day from which the big merchant has at least EXPORT_ROWS deposits.
      const [edge] = await dataSource.query<{ deposited_at: Date }[]>(
        `SELECT deposited_at FROM deposits WHERE merchant_id = $1 AND deleted_at IS NULL
          ORDER BY deposited_at DESC OFFSET ${EXPORT_ROWS - 1} LIMIT 1`,
        [big.merchantId],
      );
      const exportQuery = `from=${kstDay(edge.deposited_at)}`;
      const service = gateway.app.get(DepositService);
      const exportFilter: DepositFilter = service.filterOf(big.merchantId, {
        from: kstDay(edge.deposited_at),
      });
      const listed = await fetch(`${gateway.url}/api/v1/deposits?${exportQuery}`, {
        headers: { Authorization: big.auth },
      });
      const rows = ((await listed.json()) as { total: number }).total;
      process.stdout.write(`\nexport, ${big.label}, ${exportQuery}: ${rows.toLocaleString()} rows\n`);
      // The first export in a process pays for V8 growing its heap; the second shows the steady state.
      for (const [label, format] of [
        ['xlsx', 'xlsx'],
        ['xlsx again', 'xlsx'],
        ['csv', 'csv'],
      ]) {
        const result = await measureExport(
          `${gateway.url}/api/v1/deposits/export.${format}?${exportQuery}`,
          big.auth,
        );
        const ok = result.ms < TARGETS.exportMs && result.rssGrowthMb < TARGETS.exportRssMb;
        if (!ok) failures.push(`export ${label}`);
        process.stdout.write(
          `  ${label.padEnd(11)} ${(result.ms / 1000).toFixed(2)} s, ${(result.bytes / 2 ** 20).toFixed(1)} MiB, RSS growth ${result.rssGrowthMb.toFixed(1)} MB${format === 'csv' ? `, ${result.lines - 1} data lines` : ''}  ${ok ? 'ok' : 'OVER'}\n`,
        );
      }

      process.stdout.write(`\nEXPLAIN (ANALYZE, BUFFERS), ${big.label}:`);
      const deposits = gateway.app.get(DepositRepository);
      const thirtyDays = service.filterOf(big.merchantId, { preset: '30d' });
      const allTime = service.filterOf(big.merchantId, {});
      const page = { page: 1, pageSize: 10 };
      await explain(dataSource, 'list page, all time', deposits.pageQueries(allTime, page).items);
      await explain(dataSource, 'list total, all time', deposits.pageQueries(allTime, page).total);
      await explain(
        dataSource,
        'list total, name=김 all time',
        deposits.pageQueries({ ...allTime, name: '김' }, page).total,
      );
      await explain(
        dataSource,
        'list total, accountId + 30d',
        deposits.pageQueries({ ...thirtyDays, accountId: big.accountId }, page).total,
      );
      await explain(
        dataSource,
        'list page, status=sending + 30d',
        deposits.pageQueries({ ...thirtyDays, status: 'sending' }, page).items,
      );
      await explain(
        dataSource,
        'feed since=0, limit 101',
        deposits.feedQuery({ merchantId: big.merchantId }, { xid: '0', id: '0' }, 101),
      );
      await explain(
        dataSource,
        `stats daily, month=${months[3]}`,
        gateway.app.get(StatsRepository).totalsQuery({ merchantId: big.merchantId }, dailyPeriods(months[3])),
      );
      await explain(
        dataSource,
        `stats monthly, year=${now.getUTCFullYear()}`,
        gateway.app
          .get(StatsRepository)
          .totalsQuery({ merchantId: big.merchantId }, monthlyPeriods(now.getUTCFullYear())),
      );
      await explain(dataSource, `export, ${exportQuery}`, deposits.exportQuery(exportFilter));
    } finally {
      await gateway.close();
    }
    process.stdout.write(
      failures.length === 0
        ? `\nall figures within target (list p95 < ${TARGETS.listP95Ms} ms, stats p95 < ${TARGETS.statsP95Ms} ms, export < ${TARGETS.exportMs / 1000} s and < ${TARGETS.exportRssMb} MB RSS growth)\n`
        : `\nover target: ${failures.join('; ')}\n`,
    );
  },
};

export default bench;
