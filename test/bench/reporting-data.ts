import { Client } from 'pg';

/** What the reporting bench runs on: CONTRACT-scale data, 3 years of deposits for 200 merchants. */
export const BENCH_DEPOSITS = 1_000_000;
export const BENCH_MERCHANTS = 200;
/** The largest merchant (`bench-001`) holds this many; the rest share the others, skewed. */
export const BIG_MERCHANT_DEPOSITS = 150_000;
const DAYS = 3 * 365;

const BANKS = ['004', '088', '020', '081', '011', '003', '089', '090', '023', '071'];
const SURNAMES = '김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 홍'.split(' ');
const GIVEN =
  '민준 서연 도윤 지우 하준 서윤 시우 지민 주원 하은 길동 영희 철수 수빈 예준 지호 유진 현우 다은 은서'.split(
    ' ',
  );
const COMPANIES = ['한빛상사', '대한물산', '미래상회', '청솔', '바른유통'];

const sqlArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]`;

/**
 * Fills an empty, migrated database in a few set-based statements (INSERT … SELECT
 * generate_series): merchants, 1–5 accounts each, one InboundSms per deposit, deposits spread
 * uniformly over the last 3 years with log-uniform amounts (1,000–5,000,000 KRW), Korean names (some
 * with a space, some companies), 95% success. Callback URLs point at a closed loopback port and
 * no attempt comes due during a run, so the gateway under test never calls anyone. Secondary indexes are dropped during the load and
 * rebuilt from their own definitions; foreign keys are not checked row by row (the rows are
 * consistent by construction) and the triggers that keep `deposit_daily_totals` do not run (it is
 * filled in one statement after the load). Ends with VACUUM ANALYZE so plans and index-only scans are as in a
 * settled production database.
 */
export async function generateReportingData(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET work_mem = '64MB'`,
    );
    await client.query(
      'TRUNCATE deposits, callback_attempts, inbound_sms, bank_accounts, api_keys, merchants CASCADE',
    );
    await client.query('SELECT setseed(0.42)');
    await client.query('BEGIN');
    await client.query(`SET LOCAL session_replication_role = replica`);
    const indexes = await dropSecondaryIndexes(client, ['deposits', 'inbound_sms']);
    await client.query(`
      CREATE TEMP TABLE bench_merchants ON COMMIT DROP AS
        SELECT r AS rank, gen_random_uuid() AS id FROM generate_series(1, ${BENCH_MERCHANTS}) r;
      INSERT INTO merchants (id, name, callback_secret)
        SELECT id, 'bench-' || lpad(rank::text, 3, '0'), 'whsec_' || md5(rank::text) FROM bench_merchants;
      CREATE TEMP TABLE bench_accounts ON COMMIT DROP AS
        SELECT m.rank, i AS idx, gen_random_uuid() AS id,
               (${sqlArray(BANKS)})[1 + (m.rank * 7 + i) % ${BANKS.length}] AS bank_code
        FROM bench_merchants m,
             generate_series(1, CASE WHEN m.rank = 1 THEN 5 ELSE 1 + m.rank % 4 END) i;
      INSERT INTO bank_accounts (id, merchant_id, bank_code, account_number, memo, callback_url, charset)
        SELECT a.id, m.id, a.bank_code, '9' || lpad((m.rank * 10 + a.idx)::text, 11, '0'), '계좌' || a.idx,
               'http://127.0.0.1:9/shop' || m.rank, 'UTF-8'
        FROM bench_accounts a JOIN bench_merchants m USING (rank);
      CREATE TEMP TABLE bench_rows ON COMMIT DROP AS
        SELECT g, rank,
               1 + floor(random() * CASE WHEN rank = 1 THEN 5 ELSE 1 + rank % 4 END)::int AS idx,
               now() - random() * interval '${DAYS} days' AS at,
               random() AS r1, random() AS r2, random() AS r3, random() AS r4
        FROM (SELECT g, CASE WHEN g <= ${BIG_MERCHANT_DEPOSITS} THEN 1
                             ELSE 2 + floor(${BENCH_MERCHANTS - 1.001} * power(random(), 1.6))::int END AS rank
              FROM generate_series(1, ${BENCH_DEPOSITS}) g) s;
      INSERT INTO inbound_sms (id, fingerprint, modem_port, sender, text, pdus, received_at, status, bank_code)
        SELECT g, md5(g::text) || md5((-g)::text), 'bench', '16449999', '', '{}', at, 'deposit', NULL
        FROM bench_rows;
      SELECT setval('inbound_sms_id_seq', ${BENCH_DEPOSITS});
      INSERT INTO deposits (id, tid, inbound_sms_id, merchant_id, account_id, bank_code, amount, depositor_name,
                            balance, deposited_at, verdict, status, attempts, next_attempt_at, sms_received_at,
                            delivered_at, created_at)
        SELECT g, lpad(g::text, 15, '0'), g, m.id, a.id, a.bank_code,
               (round(exp(ln(1000) + r1 * ln(5000)) / 100) * 100)::bigint,
               CASE WHEN r4 < 0.03 THEN '(주)' || (${sqlArray(COMPANIES)})[1 + floor(r3 * ${COMPANIES.length})::int]
                    WHEN r4 < 0.08 THEN (${sqlArray(SURNAMES)})[1 + g % ${SURNAMES.length}] || ' '
                                        || (${sqlArray(GIVEN)})[1 + floor(r3 * ${GIVEN.length})::int]
                    ELSE (${sqlArray(SURNAMES)})[1 + g % ${SURNAMES.length}]
                         || (${sqlArray(GIVEN)})[1 + floor(r3 * ${GIVEN.length})::int] END,
               CASE WHEN r4 > 0.9 THEN NULL ELSE floor(r2 * 50000000)::bigint END,
               at,
               CASE WHEN r3 > 0.97 THEN 'suspicious' ELSE 'verified' END,
               CASE WHEN r2 < 0.95 THEN 'success' WHEN r2 < 0.98 THEN 'no_response'
                    WHEN r2 < 0.99 THEN 'sending' ELSE 'expired' END,
               CASE WHEN r2 < 0.95 THEN 1 WHEN r2 < 0.98 THEN 5 WHEN r2 < 0.99 THEN 1 ELSE 0 END,
               CASE WHEN r2 >= 0.98 AND r2 < 0.99 THEN now() + interval '30 days' END,
               at + interval '1 second',
               CASE WHEN r2 < 0.95 THEN at + interval '1 second' + r1 * interval '800 milliseconds' END,
               at + interval '1 second'
        FROM bench_rows JOIN bench_accounts a USING (rank, idx) JOIN bench_merchants m USING (rank);
      SELECT setval('deposits_id_seq', ${BENCH_DEPOSITS});
      -- The replica role skipped the triggers that keep the daily totals: fill them as the migration does.
      INSERT INTO deposit_daily_totals (merchant_id, day, account_id, bank_code, status, verdict, deposits, amount)
        SELECT merchant_id, ((deposited_at AT TIME ZONE 'UTC') + interval '9 hours')::date,
               account_id, bank_code, status, verdict, count(*), sum(amount)
        FROM deposits WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4, 5, 6;
    `);
    for (const definition of indexes) await client.query(definition);
    await client.query('COMMIT');
    await client.query(
      'VACUUM (ANALYZE) deposits, deposit_daily_totals, deposit_daily_total_changes, inbound_sms, bank_accounts, merchants',
    );
  } finally {
    await client.end();
  }
}

/** Drops the indexes that back no constraint and returns the statements that rebuild them. */
async function dropSecondaryIndexes(client: Client, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition
       FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [tables],
  );
  for (const row of rows) await client.query(`DROP INDEX "${row.name}"`);
  return rows.map((row) => row.definition);
}

/** True when the database holds the generated data set, made today (the bench reuses it). */
export async function hasReportingData(databaseUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ deposits: string; merchants: string; fresh: boolean }>(
      `SELECT (SELECT count(*) FROM deposits) AS deposits,
              (SELECT count(*) FROM merchants WHERE name LIKE 'bench-%') AS merchants,
              (SELECT max(deposited_at) > now() - interval '1 day' FROM deposits) AS fresh`,
    );
    const [row] = rows;
    // Regenerated daily, so that "today" and the presets find what they would in production.
    return Number(row.deposits) === BENCH_DEPOSITS && Number(row.merchants) === BENCH_MERCHANTS && row.fresh;
  } finally {
    await client.end();
  }
}
