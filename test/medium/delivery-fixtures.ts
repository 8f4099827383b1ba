import { DataSource } from 'typeorm';

let sequence = 0;

/**
 * A deposit as the recorder leaves it (`sending`, attempt 1 due now, with its InboundSms), but with
 * no job enqueued: what PostgreSQL holds after a crash between commit and enqueue.
 */
export async function insertDueDeposit(
  dataSource: DataSource,
  merchantId: string,
  accountId: string,
): Promise<string> {
  sequence += 1;
  const [row] = await dataSource.query<{ id: string }[]>(
    `WITH sms AS (
       INSERT INTO inbound_sms (fingerprint, modem_port, sender, text, pdus, received_at, status)
       VALUES (encode(sha256(convert_to($1 || ':' || clock_timestamp()::text, 'UTF8')), 'hex'),
               'test', '16449999', 'test', ARRAY['00'], now(), 'deposit')
       RETURNING id)
     INSERT INTO deposits (tid, inbound_sms_id, merchant_id, account_id, bank_code, amount, depositor_name,
                           deposited_at, verdict, status, attempts, next_attempt_at, sms_received_at)
     SELECT lpad((980000000000000 + sms.id)::text, 15, '0'), sms.id, $2, $3, '004', 1000 + $4::int, '홍길동',
            now(), 'verified', 'sending', 0, now() - interval '1 second', now()
       FROM sms RETURNING id`,
    [String(sequence), merchantId, accountId, sequence],
  );
  return String(row.id);
}
