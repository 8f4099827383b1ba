import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { InjectSmsRequest, Simulator } from 'hardware/simulator/simulator';
import { MerchantReceiver } from 'test/utils/merchant-receiver';
import {
  createTestDatabase,
  startTestGateway,
  TEST_ADMIN_TOKEN,
  TestGateway,
  waitFor,
} from 'test/utils/test-gateway';

/** A running gateway, in this process or a child one; `url` is its HTTP base. */
export interface GatewayHandle {
  url: string;
  close(): Promise<void>;
}

export interface CallbackHarnessOptions {
  /** Gateway environment on top of the simulator's MODEMS and fast retries. */
  env?: Record<string, string>;
  modems?: number;
  /** The SIMs' own numbers, one a modem; default `+821055570001`, `+821055570002`, … */
  phoneNumbers?: string[];
  /**
   * The merchant's first account, registered at start (default number `123456-78-901789`, SMS hint
   * `123456**789`); `false`: the merchant only, the test registers its accounts itself.
   */
  account?: false | { number?: string; holder?: string };
  callbackFormat?: 'query' | 'json';
  charset?: 'UTF-8' | 'EUC-KR';
  /** Start the gateway another way (a child process); default: in this process. */
  startGateway?: (
    env: Record<string, string>,
    databaseUrl: string,
    queuePrefix: string,
  ) => Promise<GatewayHandle>;
}

/** A registered account and the simulated modem whose SIM is its notification number. */
export interface RegisteredAccount {
  id: string;
  accountNumber: string;
  notificationNumber: string;
  modemId: string;
}

export interface MerchantCredentials {
  id: string;
  apiKey: string;
  callbackSecret: string;
  /** The merchant API's Authorization header. */
  auth: Record<string, string>;
}

export interface AttemptRow {
  attempt: number | 'manual';
  success: boolean;
  statusCode: number | null;
  error: string | null;
}

export interface DepositRow {
  tid: string;
  status: string;
  attempts: number;
  elapsedMs: number | null;
  depositorName: string;
  amount: number;
}

/** The sender number KB국민 texts its 입출금 alerts from. */
export const KB_SENDER = '16449999';

/** KB국민's deposit (입금) SMS into the account masked as `hint` (`123456**789`). */
export function kbDepositText(name: string, amount: number, balance: number, hint = '123456**789'): string {
  const won = (n: number) => n.toLocaleString('en-US');
  return `[Web발신]\n[KB]07/04 15:24\n${hint}\n${name}\n입금\n${won(amount)}\n잔액${won(balance)}`;
}

/**
 * What every delivery test needs: its own database, simulated modems on pseudo-terminals, a
 * merchant receiver on loopback, the gateway, one merchant and one account whose callback URL is
 * the receiver. Deposits enter the real way: a bank SMS injected into the account's modem.
 */
export class CallbackHarness {
  apiKey = '';
  callbackSecret = '';
  merchantId = '';
  accountId = '';
  /** The first account (undefined when started with `account: false`). */
  account?: RegisteredAccount;
  private modemId = '';
  private accountHint = '';
  private sequence = 0;
  private balance = 1_000_000;
  private env: Record<string, string> = {};
  /** Bull key prefix of this test's gateway, the same across restarts (Redis is shared). */
  readonly queuePrefix = `ipgeum-test-cb-${randomBytes(4).toString('hex')}`;

  private constructor(
    readonly database: { url: string; drop: () => Promise<void> },
    readonly simulator: Simulator,
    readonly receiver: MerchantReceiver,
    private readonly options: CallbackHarnessOptions,
    public gateway: GatewayHandle,
  ) {}

  static async start(options: CallbackHarnessOptions = {}): Promise<CallbackHarness> {
    const database = await createTestDatabase();
    const modems = options.modems ?? 1;
    const simulator = await Simulator.start({
      modems,
      phoneNumbers:
        options.phoneNumbers ?? Array.from({ length: modems }, (_, i) => `+8210555${String(70001 + i)}`),
    });
    const receiver = await MerchantReceiver.start();
    const env = {
      MODEMS: simulator.modems.map((modem) => modem.path).join(','),
      CALLBACK_RETRY_DELAY_MS: '300',
      CALLBACK_TIMEOUT_MS: '2000',
      ...options.env,
    };
    const harness = new CallbackHarness(database, simulator, receiver, options, {
      url: '',
      close: () => Promise.resolve(),
    });
    harness.env = env;
    harness.gateway = await (options.startGateway ?? inProcess)(env, database.url, harness.queuePrefix);
    await harness.setUp(modems);
    return harness;
  }

  /** The in-process gateway (tests that reach into Nest: DataSource, queue). */
  get app(): TestGateway['app'] {
    return (this.gateway as TestGateway).app;
  }

  admin(): Record<string, string> {
    return { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
  }

  merchant(): Record<string, string> {
    return { Authorization: `Bearer ${this.apiKey}` };
  }

  /** The simulated modem whose SIM is the first account's notification number. */
  get accountModemId(): string {
    return this.modemId;
  }

  /** Another merchant, created by the operator. */
  async addMerchant(name: string): Promise<MerchantCredentials> {
    const created = await request(this.gateway.url)
      .post('/api/v1/admin/merchants')
      .set(this.admin())
      .send({ name })
      .expect(201);
    const { id, apiKey, callbackSecret } = created.body as Omit<MerchantCredentials, 'auth'>;
    return { id, apiKey, callbackSecret, auth: { Authorization: `Bearer ${apiKey}` } };
  }

  /**
   * Registers a KB국민 account of the merchant (the same merchant and bank go to another SIM).
   * Returns it as registered, with the modem of its notification number.
   */
  async addAccount(
    accountNumber: string,
    callbackUrl = this.receiver.url,
    holder?: string,
  ): Promise<RegisteredAccount> {
    const registered = await request(this.gateway.url)
      .post('/api/v1/accounts')
      .set(this.merchant())
      .send({
        bankCode: '004',
        accountNumber,
        ...(holder === undefined ? {} : { holder }),
        callbackUrl,
        charset: this.options.charset ?? 'UTF-8',
        callbackFormat: this.options.callbackFormat ?? 'query',
      })
      .expect(201);
    const account = registered.body as Omit<RegisteredAccount, 'modemId'>;
    const digits = account.notificationNumber.replace(/-/g, '').slice(1);
    return {
      id: account.id,
      accountNumber: account.accountNumber,
      notificationNumber: account.notificationNumber,
      modemId: this.simulator.modems.find((modem) => modem.phoneNumber?.endsWith(digits))!.id,
    };
  }

  /**
   * A KB국민 deposit SMS into the first account's modem. Amounts are unique per call unless given;
   * the balance follows the previous one unless given.
   */
  async injectDeposit(
    name = '홍길동',
    deposit: { amount?: number; balance?: number; smscTimestamp?: Date } = {},
  ): Promise<{ name: string; amount: number; balance: number; sms: InjectSmsRequest }> {
    this.sequence += 1;
    const amount = deposit.amount ?? 10_000 + this.sequence;
    // Balances follow each other, as the bank's would (a gap makes the deposit `suspicious`).
    this.balance = deposit.balance ?? this.balance + amount;
    const sms: InjectSmsRequest = {
      sender: KB_SENDER,
      text: kbDepositText(name, amount, this.balance, this.accountHint),
      ...(deposit.smscTimestamp ? { smscTimestamp: deposit.smscTimestamp } : {}),
    };
    await this.simulator.injectSms(this.modemId, sms);
    return { name, amount, balance: this.balance, sms };
  }

  /** The merchant's deposits, newest first, as `GET /api/v1/deposits` pages them. */
  async depositPage(): Promise<{ total: number; items: DepositRow[] }> {
    const response = await request(this.gateway.url)
      .get('/api/v1/deposits?pageSize=100')
      .set(this.merchant())
      .expect(200);
    return response.body as { total: number; items: DepositRow[] };
  }

  async deposits(): Promise<DepositRow[]> {
    return (await this.depositPage()).items;
  }

  /** Waits until the deposit of this amount has the status, and returns it. */
  depositWithStatus(amount: number, status: string, timeoutMs = 15_000): Promise<DepositRow> {
    return waitFor(
      async () => (await this.deposits()).find((d) => d.amount === amount && d.status === status),
      timeoutMs,
      `deposit of ${amount} with status ${status}`,
    );
  }

  async attempts(tid: string): Promise<AttemptRow[]> {
    const response = await request(this.gateway.url)
      .get(`/api/v1/deposits/${tid}/attempts`)
      .set(this.merchant())
      .expect(200);
    return response.body as AttemptRow[];
  }

  /** The SIMs as the operator API lists them. */
  async sims(): Promise<{ phoneNumber: string | null }[]> {
    const response = await request(this.gateway.url).get('/api/v1/admin/sims').set(this.admin()).expect(200);
    return response.body as { phoneNumber: string | null }[];
  }

  async setAccount(changes: Record<string, string>): Promise<void> {
    await request(this.gateway.url)
      .patch(`/api/v1/accounts/${this.accountId}`)
      .set(this.merchant())
      .send(changes)
      .expect(200);
  }

  /** A query against the test's database (the gateway's own rows). */
  async sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.database.url });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** Stops the gateway (already killed or not) and starts a new one on the same database. */
  async restartGateway(): Promise<void> {
    await this.gateway.close();
    this.gateway = await (this.options.startGateway ?? inProcess)(
      this.env,
      this.database.url,
      this.queuePrefix,
    );
  }

  async close(): Promise<void> {
    await this.gateway.close().catch(() => undefined);
    await this.simulator.close();
    await this.receiver.close();
    await this.database.drop();
  }

  private async setUp(modems: number): Promise<void> {
    await waitFor(
      async () => {
        const sims = await this.sims();
        return sims.length === modems && sims.every((sim) => sim.phoneNumber);
      },
      30_000,
      'every simulated SIM with its number',
    );
    ({
      apiKey: this.apiKey,
      callbackSecret: this.callbackSecret,
      id: this.merchantId,
    } = await this.addMerchant('콜백상점'));
    if (this.options.account === false) {
      return;
    }
    const number = this.options.account?.number ?? '123456-78-901789';
    this.account = await this.addAccount(number, this.receiver.url, this.options.account?.holder);
    ({ id: this.accountId, modemId: this.modemId } = this.account);
    // KB masks the number in its SMS: the first six digits and the last three.
    const digits = number.replace(/\D/g, '');
    this.accountHint = `${digits.slice(0, 6)}**${digits.slice(-3)}`;
  }
}

function inProcess(
  env: Record<string, string>,
  databaseUrl: string,
  queuePrefix: string,
): Promise<GatewayHandle> {
  return startTestGateway({ databaseUrl, env, queuePrefix });
}
