import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DepositStatus, DepositVerdict } from 'src/deposits/deposit.entity';
import { formatTid } from 'src/deposits/tid';

export interface DepositSeed {
  merchantId: string;
  accountId: string;
  bankCode?: string;
  amount?: number;
  depositorName?: string;
  balance?: number | null;
  depositedAt?: Date;
  verdict?: DepositVerdict;
  status?: DepositStatus;
  attempts?: number;
  nextAttemptAt?: Date | null;
  deliveredAt?: Date | null;
}

export type SqlRunner = <T>(sql: string, parameters: unknown[]) => Promise<T[]>;

export interface SeededDeposit {
  id: string;
  tid: string;
}

let sequence = Math.floor(Math.random() * 50_000);

/**
 * A deposit row with the InboundSms it came from, written in SQL (the recorder's path is tested
 * elsewhere): reporting tests need exact times, names and amounts, not modems.
 */
export async function createDeposit(
  dataSource: DataSource,
  seed: DepositSeed,
  /** Another connection, e.g. one holding an open transaction. */
  query: SqlRunner = (sql, parameters) => dataSource.query(sql, parameters),
): Promise<SeededDeposit> {
  const depositedAt = seed.depositedAt ?? new Date();
  const [sms] = await query<{ id: string }>(
    `INSERT INTO inbound_sms (fingerprint, modem_port, sender, text, pdus, received_at, status, bank_code)
     VALUES ($1, 'test', '16449999', 'seeded', '{}', $2, 'deposit', $3) RETURNING id`,
    [randomBytes(32).toString('hex'), depositedAt, seed.bankCode ?? '004'],
  );
  sequence = (sequence + 1) % 100_000;
  const tid = formatTid(depositedAt, sequence);
  const status = seed.status ?? 'success';
  const [deposit] = await query<{ id: string }>(
    `INSERT INTO deposits (tid, inbound_sms_id, merchant_id, account_id, bank_code, amount, depositor_name,
       balance, deposited_at, verdict, status, attempts, next_attempt_at, sms_received_at, delivered_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $9, $14) RETURNING id`,
    [
      tid,
      sms.id,
      seed.merchantId,
      seed.accountId,
      seed.bankCode ?? '004',
      seed.amount ?? 10_000,
      seed.depositorName ?? '홍길동',
      seed.balance === undefined ? 1_000_000 : seed.balance,
      depositedAt,
      seed.verdict ?? 'verified',
      status,
      seed.attempts ?? (status === 'success' ? 1 : 0),
      seed.nextAttemptAt ?? null,
      seed.deliveredAt === undefined ? (status === 'success' ? depositedAt : null) : seed.deliveredAt,
    ],
  );
  return { id: deposit.id, tid };
}
