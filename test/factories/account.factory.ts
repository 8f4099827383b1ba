import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';

export interface AccountSeed {
  merchantId: string;
  bankCode?: string;
  accountNumber?: string;
  memo?: string | null;
  callbackUrl?: string;
}

/** A bank account row without a notification number: reporting needs no SIM. */
export async function createAccount(dataSource: DataSource, seed: AccountSeed): Promise<{ id: string }> {
  const [row] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO bank_accounts (merchant_id, bank_code, account_number, memo, callback_url, charset)
     VALUES ($1, $2, $3, $4, $5, 'UTF-8') RETURNING id`,
    [
      seed.merchantId,
      seed.bankCode ?? '004',
      seed.accountNumber ?? String(randomInt(10 ** 11, 10 ** 12)),
      seed.memo ?? null,
      seed.callbackUrl ?? 'http://127.0.0.1:9/callback',
    ],
  );
  return row;
}
