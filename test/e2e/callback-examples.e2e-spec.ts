import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { CallbackHarness } from 'test/utils/callback-harness';
import { waitFor } from 'test/utils/test-gateway';

interface Booked {
  format: 'query' | 'json';
  tid: string;
  amount: number;
  name: string;
  attempt: string;
  test: boolean;
  duplicate: boolean;
}

/** A receiver example of docs/examples running as merchants would run it, on loopback. */
interface ExampleProcess {
  url: string;
  booked: Booked[];
  stop(): Promise<void>;
}

const EXAMPLES = join(__dirname, '..', '..', 'docs', 'examples');

function startExample(
  command: string,
  args: string[],
  secret: string,
  listening: RegExp,
): Promise<ExampleProcess> {
  const child: ChildProcess = spawn(command, args, {
    env: { ...process.env, IPGEUM_SECRET: secret, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const booked: Booked[] = [];
  const errors: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      if (line.startsWith('{')) booked.push(JSON.parse(line) as Booked);
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`example did not start: ${errors.join('')}`)), 10_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      errors.push(chunk.toString());
      const match = listening.exec(errors.join(''));
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          booked,
          stop: async () => {
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
  });
}

function freePortSync(): number {
  return Number(
    execFileSync(process.execPath, [
      '-e',
      "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
    ])
      .toString()
      .trim(),
  );
}

function hasPhp(): boolean {
  try {
    execFileSync('php', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The same checks for every example: real callbacks from the gateway, both formats, both charsets. */
function exampleSuite(start: (secret: string) => Promise<ExampleProcess>): void {
  let h: CallbackHarness;
  let example: ExampleProcess;

  const bookedFor = (amount: number) =>
    waitFor(async () => Promise.resolve(example.booked.find((b) => b.amount === amount)), 10_000, 'booked');

  beforeAll(async () => {
    h = await CallbackHarness.start({ env: { CALLBACK_MAX_ATTEMPTS: '2' } });
    example = await start(h.callbackSecret);
    await h.setAccount({ callbackUrl: `${example.url}callback?shop=1` });
  }, 60_000);

  afterAll(async () => {
    await example?.stop();
    await h?.close();
  });

  it('should verify and book a UTF-8 query callback, answering OK', async () => {
    const { amount } = await h.injectDeposit('홍길동');
    const deposit = await h.depositWithStatus(amount, 'success');
    expect(await bookedFor(amount)).toMatchObject({
      format: 'query',
      tid: deposit.tid,
      name: '홍길동',
      attempt: '1',
      test: false,
      duplicate: false,
    });
  });

  it('should decode an EUC-KR callback, names outside KS X 1001 included', async () => {
    await h.setAccount({ charset: 'EUC-KR' });
    try {
      const { amount } = await h.injectDeposit('똠방각하');
      await h.depositWithStatus(amount, 'success');
      expect((await bookedFor(amount)).name).toBe('똠방각하');
    } finally {
      await h.setAccount({ charset: 'UTF-8' });
    }
  });

  it('should verify a json (Standard Webhooks) callback', async () => {
    await h.setAccount({ callbackFormat: 'json' });
    try {
      const { amount } = await h.injectDeposit('김영희');
      const deposit = await h.depositWithStatus(amount, 'success');
      expect(await bookedFor(amount)).toMatchObject({ format: 'json', tid: deposit.tid, name: '김영희' });
    } finally {
      await h.setAccount({ callbackFormat: 'query' });
    }
  });

  it('should answer OK to a resend of a booked tid without booking it twice, and to a test callback', async () => {
    const { amount } = await h.injectDeposit();
    const deposit = await h.depositWithStatus(amount, 'success');
    await request(h.gateway.url)
      .post(`/api/v1/deposits/${deposit.tid}/resend`)
      .set(h.merchant())
      .expect(200)
      .expect((res) => expect(res.body).toMatchObject({ success: true }));
    expect(example.booked.filter((b) => b.tid === deposit.tid).map((b) => b.duplicate)).toEqual([
      false,
      true,
    ]);
    const test = await request(h.gateway.url)
      .post(`/api/v1/accounts/${h.accountId}/test-callback`)
      .set(h.merchant())
      .expect(200);
    expect(test.body).toMatchObject({ success: true });
    expect(example.booked.find((b) => b.tid === (test.body as { tid: string }).tid)).toMatchObject({
      test: true,
    });
  });

  it('should refuse a callback whose parameters were tampered with', async () => {
    const { amount } = await h.injectDeposit();
    await h.depositWithStatus(amount, 'success');
    const booked = await bookedFor(amount);
    const forged = `tid=${booked.tid}&price=99999999&ts=${Math.floor(Date.now() / 1000)}&signature=${'0'.repeat(64)}`;
    const res = await request(example.url).get(`/callback?${forged}`);
    expect(res.status).toBe(401);
    expect(res.text.trim().toUpperCase()).not.toBe('OK');
  });
}

describe('docs/examples/node/receiver.js against real callbacks', () => {
  exampleSuite((secret) =>
    startExample(
      process.execPath,
      [join(EXAMPLES, 'node', 'receiver.js')],
      secret,
      /listening on (http:\/\/\S+\/)/,
    ),
  );
});

const php = hasPhp();
if (!php) {
  console.warn(
    'skipping docs/examples/php/receiver.php: php is not installed (apt-get install php-cli to run it)',
  );
}
(php ? describe : describe.skip)('docs/examples/php/receiver.php against real callbacks', () => {
  exampleSuite(async (secret) => {
    const port = freePortSync();
    const example = await startExample(
      'php',
      ['-S', `127.0.0.1:${port}`, join(EXAMPLES, 'php', 'receiver.php')],
      secret,
      /Development Server \((http:\/\/127\.0\.0\.1:\d+)\) started/,
    );
    return { ...example, url: `${example.url}/` };
  });
});
