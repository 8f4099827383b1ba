import request from 'supertest';
import { Client } from 'pg';
import { TEST_ADMIN_TOKEN, waitFor } from 'test/utils/test-gateway';

/** Shared steps of the modem-layer e2e specs (not a spec itself: jest only runs `*.e2e-spec.ts`). */

export const ADMIN = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

export interface AdminModem {
  id: string;
  port: string;
  nodeId: string;
  state: string;
  manufacturer: string | null;
  model: string | null;
  imei: string | null;
  signal: number | null;
  registration: string | null;
  operator: string | null;
  storageUsed: number | null;
  storageTotal: number | null;
  simId: string | null;
  lastSeenAt: string | null;
  lastError: string | null;
}

export interface InboundItem {
  id: string;
  simId: string | null;
  sender: string;
  text: string;
  status: string;
  error: string | null;
}

export const kbDeposit = (name: string, amount: string, balance: string): string =>
  `[Web발신]\n[KB]07/04 15:24\n123456**789\n${name}\n입금\n${amount}\n잔액${balance}`;

export async function adminModems(gatewayUrl: string): Promise<AdminModem[]> {
  const response = await request(gatewayUrl).get('/api/v1/admin/modems').set(ADMIN).expect(200);
  return response.body as AdminModem[];
}

export async function inboundSms(gatewayUrl: string): Promise<InboundItem[]> {
  const response = await request(gatewayUrl)
    .get('/api/v1/admin/inbound-sms?pageSize=100')
    .set(ADMIN)
    .expect(200);
  return (response.body as { items: InboundItem[] }).items;
}

/** Waits until `count` modems are `ready` with their SIM known; returns them. */
export function modemsReady(gatewayUrl: string, count: number, timeoutMs = 20_000): Promise<AdminModem[]> {
  return waitFor(
    async () => {
      const modems = await adminModems(gatewayUrl);
      const ready = modems.filter((modem) => modem.state === 'ready' && modem.simId);
      return ready.length >= count ? modems : null;
    },
    timeoutMs,
    `${count} modem(s) ready`,
  );
}

/** A merchant with one KB account on whichever notification number the gateway allots. */
export async function merchantWithKbAccount(
  gatewayUrl: string,
  callbackUrl: string,
): Promise<{ apiKey: string; notificationNumber: string; accountId: string }> {
  const created = await request(gatewayUrl)
    .post('/api/v1/admin/merchants')
    .set(ADMIN)
    .send({ name: '모뎀시험상점' })
    .expect(201);
  const apiKey = (created.body as { apiKey: string }).apiKey;
  const account = await request(gatewayUrl)
    .post('/api/v1/accounts')
    .set({ Authorization: `Bearer ${apiKey}` })
    .send({ bankCode: '004', accountNumber: '123456-78-901789', callbackUrl, charset: 'UTF-8' })
    .expect(201);
  const body = account.body as { id: string; notificationNumber: string };
  return { apiKey, notificationNumber: body.notificationNumber, accountId: body.id };
}

/** `010-5550-1001` → the simulator's `+821055501001`. */
export function internationalNumber(notificationNumber: string): string {
  return `+82${notificationNumber.replace(/-/g, '').slice(1)}`;
}

/** Teardown in order, skipping what never started: gateway first (it holds the ports), then the rest. */
export async function closeAll(
  ...things: ({ close(): Promise<void> } | { drop(): Promise<void> } | undefined)[]
): Promise<void> {
  for (const thing of things) {
    if (thing) await ('close' in thing ? thing.close() : thing.drop());
  }
}

/** Rows of `inbound_sms` straight from the test database: what the gateway committed. */
export async function storedRows(
  databaseUrl: string,
): Promise<{ text: string; modemPort: string; incomplete: boolean; receivedAt: Date }[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{
      text: string;
      modemPort: string;
      incomplete: boolean;
      receivedAt: Date;
    }>(
      'SELECT text, modem_port AS "modemPort", incomplete, received_at AS "receivedAt" FROM inbound_sms ORDER BY id',
    );
    return result.rows;
  } finally {
    await client.end();
  }
}
