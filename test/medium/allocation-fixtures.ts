import { INestApplication } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { encodeSmsDeliver } from 'hardware/simulator/pdu-encoder';
import { accountMatchesHint } from 'src/numbers/account-hint';
import { SMS_ACCOUNT_MASKS, sameSmsBanks } from 'src/numbers/sms-account-masks';
import { SmsInboxService } from 'src/sms/sms-inbox.service';
import { waitFor } from 'test/utils/test-gateway';

/**
 * What the allocation and attribution tests share: SIM rows as the modem layer would leave them,
 * and the allocation rules re-stated independently of src/numbers/allocation-rules.ts, in terms of
 * what attribution actually does with an SMS (accountMatchesHint on the masked number).
 */
export interface SimSeed {
  phoneNumber?: string | null;
  enabled?: boolean;
  capacity?: number | null;
  lastSeenAt?: Date | null;
  modem?: { state: string; lastSeenAt: Date } | null;
}

export async function insertSim(dataSource: DataSource, seed: SimSeed = {}): Promise<string> {
  let modemId: string | null = null;
  if (seed.modem) {
    const [modem] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO modems (port, node_id, state, last_seen_at) VALUES ($1, 'test-node', $2, $3) RETURNING id`,
      [`/dev/ttyTEST${randomInt(1e9)}`, seed.modem.state, seed.modem.lastSeenAt],
    );
    modemId = modem.id;
  }
  const phone =
    seed.phoneNumber === undefined ? `0105${String(randomInt(1e7)).padStart(7, '0')}` : seed.phoneNumber;
  const [sim] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO sims (iccid, phone_number, enabled, capacity, last_seen_at, modem_id)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      `8982${String(randomInt(1e9)).padStart(15, '0')}`,
      phone,
      seed.enabled ?? true,
      seed.capacity ?? null,
      seed.lastSeenAt === undefined ? new Date() : seed.lastSeenAt,
      modemId,
    ],
  );
  return sim.id;
}

export interface LiveAccount {
  id: string;
  simId: string | null;
  merchantId: string;
  bankCode: string;
  accountNumber: string;
}

export async function liveAccounts(dataSource: DataSource): Promise<LiveAccount[]> {
  const rows = await dataSource.query<
    { id: string; sim_id: string | null; merchant_id: string; bank_code: string; account_number: string }[]
  >(`SELECT id, sim_id, merchant_id, bank_code, account_number FROM bank_accounts WHERE deleted_at IS NULL`);
  return rows.map((r) => ({
    id: r.id,
    simId: r.sim_id,
    merchantId: r.merchant_id,
    bankCode: r.bank_code,
    accountNumber: r.account_number,
  }));
}

/** The hints a bank's SMS layouts would show for this account (`123456**789`, `*846950` …). */
export function smsHints(bankCode: string, accountNumber: string): string[] | null {
  const masks = SMS_ACCOUNT_MASKS[bankCode];
  if (!masks) return null;
  return masks.map(({ leading, trailing }) => {
    const hidden = accountNumber.length - leading - trailing;
    return `${accountNumber.slice(0, leading)}${'*'.repeat(Math.max(hidden, 1))}${trailing ? accountNumber.slice(-trailing) : ''}`;
  });
}

/** Could an SMS about `a` be attributed to `b`? Unknown layouts: assume yes. */
export function confusable(a: LiveAccount, b: Pick<LiveAccount, 'bankCode' | 'accountNumber'>): boolean {
  const hints = smsHints(a.bankCode, a.accountNumber);
  if (!hints || !smsHints(b.bankCode, b.accountNumber)) return true;
  return hints.some((hint) => accountMatchesHint(b.accountNumber, hint));
}

/** Every violation of rules 1-3 among the live accounts, as readable strings (empty = all hold). */
export function ruleViolations(accounts: LiveAccount[], capacities: Map<string, number>): string[] {
  const problems: string[] = [];
  const bySim = new Map<string, LiveAccount[]>();
  for (const account of accounts) {
    if (!account.simId) continue;
    bySim.set(account.simId, [...(bySim.get(account.simId) ?? []), account]);
  }
  for (const [simId, onSim] of bySim) {
    const capacity = capacities.get(simId);
    if (capacity === undefined) problems.push(`account on ineligible SIM ${simId}`);
    else if (onSim.length > capacity) problems.push(`SIM ${simId} holds ${onSim.length} > ${capacity}`);
    for (const a of onSim) {
      for (const b of onSim) {
        if (a.id === b.id || !sameSmsBanks(a.bankCode).includes(b.bankCode)) continue;
        if (a.merchantId !== b.merchantId) {
          problems.push(
            `rule 1: SIM ${simId} has ${a.bankCode} of ${a.merchantId} and ${b.bankCode} of ${b.merchantId}`,
          );
        } else if (confusable(a, b)) {
          problems.push(`rule 2: SIM ${simId} has ${a.bankCode} ${a.accountNumber} and ${b.accountNumber}`);
        }
      }
    }
  }
  return problems;
}

let deliveries = 0;

/**
 * An SMS arriving on a SIM as the modem layer hands it over (a fresh storage index and SMSC time
 * each call, so equal texts are distinct messages), then classified: resolves with its row.
 */
export async function deliverSms(
  app: INestApplication,
  iccid: string,
  sms: { sender: string; text: string },
): Promise<{ id: string; status: string }> {
  const index = deliveries++;
  const [part] = encodeSmsDeliver({ ...sms, timestamp: new Date(Date.now() - index * 1000) });
  await app.get(SmsInboxService).accept({
    port: '/dev/ttyTEST5',
    imei: '356938035643809',
    iccid,
    imsi: null,
    storage: 'SM',
    index,
    status: 0,
    pdu: part.pdu,
    readAt: new Date(),
  });
  return waitFor(async () => {
    const [row] = await app
      .get(DataSource)
      .query<{ status: string; id: string }[]>(
        `SELECT id, status FROM inbound_sms WHERE text = $1 ORDER BY id DESC LIMIT 1`,
        [sms.text],
      );
    return row && row.status !== 'received' ? row : null;
  });
}
