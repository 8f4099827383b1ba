import { createHmac } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';

import iconv from 'iconv-lite';

import { depositCallback } from 'test/factories/deposit-callback.factory';
import { percentDecodeBytes } from 'test/utils/callback-query';

import { CallbackCharset, isSuccessfulAnswer, prepareCallback, redactCallbackUrl } from './callback-request';
import { CallbackSender } from './callback-sender';
import { generateCallbackSecret, signQueryParams } from './callback-signer';

const NOW = new Date(1418894580 * 1000 + 250);
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OLD_SECRET = 'whsec_b2xkIHNlY3JldCBvbGQgc2VjcmV0IG9sZCBzZWNyZXQ=';

/**
 * A receiver written the way CONTRACT.md tells a PHP shop to: `$_GET` (raw bytes, last value wins),
 * converted from the account's charset (`iconv('CP949', 'UTF-8', $v)` for EUC-KR), every param but
 * `signature` (and `signature2`), ksort, `k=v` joined by `&`, `hash_hmac('sha256', …, $secret)`.
 */
function phpReceiver(rawQuery: string, charset: CallbackCharset): Record<string, string> {
  const get: Record<string, string> = {};
  for (const part of rawQuery.split('&')) {
    if (part === '') {
      continue;
    }
    const eq = part.indexOf('=');
    const name = percentDecodeBytes(eq === -1 ? part : part.slice(0, eq)).toString('latin1');
    const bytes = percentDecodeBytes(eq === -1 ? '' : part.slice(eq + 1));
    get[name] = charset === 'EUC-KR' ? iconv.decode(bytes, 'cp949') : bytes.toString('utf8');
  }
  return get;
}

function phpVerify(
  get: Record<string, string>,
  secret: string,
  which: 'signature' | 'signature2' = 'signature',
): boolean {
  const names = Object.keys(get)
    .filter((k) => k !== 'signature' && k !== 'signature2')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = names.map((k) => `${k}=${get[k]}`).join('&');
  return createHmac('sha256', secret).update(canonical, 'utf8').digest('hex') === get[which];
}

function queryOf(url: string): string {
  return url.slice(url.indexOf('?') + 1);
}

describe('prepareCallback (query)', () => {
  it('should send every parameter of the contract for a UTF-8 account', () => {
    const req = prepareCallback(
      { url: 'https://shop.example/deposit.php', charset: 'UTF-8', format: 'query', secrets: [SECRET] },
      depositCallback(),
      NOW,
    );
    expect(req.method).toBe('GET');
    expect(req.body).toBeNull();
    expect(req.url.startsWith('https://shop.example/deposit.php?tid=141218182288692&')).toBe(true);
    const get = phpReceiver(queryOf(req.url), 'UTF-8');
    expect(get).toEqual({
      tid: '141218182288692',
      bankcode: '004',
      account: '63301436001',
      price: '1000000',
      name: '홍길동',
      paydt: '2014-12-18 18:23:00',
      uid: 'mch_7',
      charset: 'UTF-8',
      bank_name: '국민은행',
      balance: '5000000',
      verdict: 'verified',
      attempt: '1',
      ts: '1418894580',
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(queryOf(req.url)).toContain('name=%ED%99%8D%EA%B8%B8%EB%8F%99');
    expect(queryOf(req.url)).toContain('paydt=2014-12-18%2018%3A23%3A00');
    expect(phpVerify(get, SECRET)).toBe(true);
  });

  it('should percent-encode EUC-KR values as CP949 bytes, including names outside KS X 1001', () => {
    const req = prepareCallback(
      { url: 'http://shop.example/cb', charset: 'EUC-KR', format: 'query', secrets: [SECRET] },
      depositCallback({
        name: '똠방각하',
        bankName: '햏은행',
        balance: null,
        attempt: 'manual',
        verdict: 'suspicious',
      }),
      NOW,
    );
    const query = queryOf(req.url);
    // 똠 is 8C 63 in CP949 (0x63 is the unreserved 'c'), 햏 C1 64 ('d'): both outside EUC-KR proper
    expect(query).toMatch(/(^|&)name=%8Cc%B9%E6%B0%A2%C7%CF(&|$)/);
    expect(query).toMatch(/(^|&)bank_name=%C1d%C0%BA%C7%E0(&|$)/);
    expect(/[^A-Za-z0-9\-._~%=&]/.test(query)).toBe(false);
    const get = phpReceiver(query, 'EUC-KR');
    expect(get.name).toBe('똠방각하');
    expect(get.bank_name).toBe('햏은행');
    expect(get.charset).toBe('EUC-KR');
    expect(get.balance).toBe('');
    expect(get.attempt).toBe('manual');
    expect(get.verdict).toBe('suspicious');
    expect(phpVerify(get, SECRET)).toBe(true);
  });

  it('should sign what an EUC-KR receiver decodes when a character has no CP949 form', () => {
    const req = prepareCallback(
      { url: 'http://shop.example/cb', charset: 'EUC-KR', format: 'query', secrets: [SECRET] },
      depositCallback({ name: '김😀' }),
      NOW,
    );
    const get = phpReceiver(queryOf(req.url), 'EUC-KR');
    expect(get.name).toBe('김?');
    expect(phpVerify(get, SECRET)).toBe(true);
  });

  it('should keep a query already in the URL, sign it with the rest and drop a fragment', () => {
    const req = prepareCallback(
      {
        url: 'https://shop.example/pay/cb.php?mode=deposit&shop=%C8%AB&flag#top',
        charset: 'EUC-KR',
        format: 'query',
        secrets: [SECRET],
      },
      depositCallback(),
      NOW,
    );
    expect(req.url.startsWith('https://shop.example/pay/cb.php?mode=deposit&shop=%C8%AB&flag&tid=')).toBe(
      true,
    );
    expect(req.url).not.toContain('#');
    const get = phpReceiver(queryOf(req.url), 'EUC-KR');
    expect(get.mode).toBe('deposit');
    expect(get.shop).toBe('홍');
    expect(get.flag).toBe('');
    expect(phpVerify(get, SECRET)).toBe(true);
  });

  it('should drop a parameter of the URL that the gateway sets itself, so it cannot be forged', () => {
    const req = prepareCallback(
      {
        url: 'http://shop.example/cb?uid=evil&price=1&keep=1',
        charset: 'UTF-8',
        format: 'query',
        secrets: [SECRET],
      },
      depositCallback(),
      NOW,
    );
    const query = queryOf(req.url);
    expect(query.startsWith('keep=1&tid=')).toBe(true);
    expect(query.match(/(^|&)uid=/g)).toHaveLength(1);
    expect(query.match(/(^|&)price=/g)).toHaveLength(1);
    expect(phpVerify(phpReceiver(query, 'UTF-8'), SECRET)).toBe(true);
  });

  it('should add signature2 with the previous secret during a rotation, both over the same string', () => {
    const req = prepareCallback(
      { url: 'http://shop.example/cb', charset: 'UTF-8', format: 'query', secrets: [SECRET, OLD_SECRET] },
      depositCallback(),
      NOW,
    );
    const get = phpReceiver(queryOf(req.url), 'UTF-8');
    expect(get.signature2).toMatch(/^[0-9a-f]{64}$/);
    expect(phpVerify(get, SECRET, 'signature')).toBe(true);
    expect(phpVerify(get, OLD_SECRET, 'signature2')).toBe(true);
    expect(phpVerify(get, OLD_SECRET, 'signature')).toBe(false);
    const { signature, signature2, ...rest } = get;
    expect(signQueryParams(rest, SECRET)).toBe(signature);
    expect(signQueryParams(rest, OLD_SECRET)).toBe(signature2);
  });

  it('should not send signature2 with a single secret', () => {
    const req = prepareCallback(
      { url: 'http://shop.example/cb', charset: 'UTF-8', format: 'query', secrets: [SECRET] },
      depositCallback(),
      NOW,
    );
    expect(req.url).not.toContain('signature2');
  });

  it('should refuse a URL that is not http(s) or carries credentials, and a target without secret', () => {
    const base = { charset: 'UTF-8' as const, format: 'query' as const, secrets: [SECRET] };
    expect(() => prepareCallback({ ...base, url: 'ftp://shop.example/cb' }, depositCallback(), NOW)).toThrow(
      /scheme/,
    );
    expect(() =>
      prepareCallback({ ...base, url: 'http://u:p@shop.example/cb' }, depositCallback(), NOW),
    ).toThrow(/credentials/);
    expect(() => prepareCallback({ ...base, url: 'not a url' }, depositCallback(), NOW)).toThrow(/valid URL/);
    expect(() =>
      prepareCallback({ ...base, url: 'http://shop.example/', secrets: [] }, depositCallback(), NOW),
    ).toThrow(/secret/);
  });
});

describe('prepareCallback (json)', () => {
  it('should POST the Standard Webhooks body and headers', () => {
    const req = prepareCallback(
      { url: 'https://shop.example/hooks?x=1#frag', charset: 'EUC-KR', format: 'json', secrets: [SECRET] },
      depositCallback({ balance: null }),
      NOW,
    );
    expect(req.method).toBe('POST');
    expect(req.url).toBe('https://shop.example/hooks?x=1');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['webhook-id']).toBe('141218182288692');
    expect(req.headers['webhook-timestamp']).toBe('1418894580');
    expect(JSON.parse(req.body ?? '')).toEqual({
      type: 'deposit.received',
      timestamp: NOW.toISOString(),
      data: {
        tid: '141218182288692',
        bankCode: '004',
        bankName: '국민은행',
        accountId: 'acc_1',
        account: '63301436001',
        amount: 1000000,
        name: '홍길동',
        balance: null,
        depositedAt: '2014-12-18T09:23:00.000Z',
        verdict: 'verified',
        memo: '주문 #12',
        attempt: 1,
      },
    });
    const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key)
      .update(`141218182288692.1418894580.${req.body}`)
      .digest('base64');
    expect(req.headers['webhook-signature']).toBe(`v1,${expected}`);
  });

  it('should send one v1 signature per secret during a rotation and type deposit.test for a test', () => {
    const req = prepareCallback(
      { url: 'https://shop.example/hooks', charset: 'UTF-8', format: 'json', secrets: [SECRET, OLD_SECRET] },
      depositCallback({ test: true, attempt: 'manual' }),
      NOW,
    );
    const entries = req.headers['webhook-signature'].split(' ');
    expect(entries).toHaveLength(2);
    for (const [i, secret] of [SECRET, OLD_SECRET].entries()) {
      const key = Buffer.from(secret.slice(6), 'base64');
      const mac = createHmac('sha256', key).update(`141218182288692.1418894580.${req.body}`).digest('base64');
      expect(entries[i]).toBe(`v1,${mac}`);
    }
    const body = JSON.parse(req.body ?? '') as { type: string; data: { attempt: unknown } };
    expect(body.type).toBe('deposit.test');
    expect(body.data.attempt).toBe('manual');
  });
});

describe('isSuccessfulAnswer', () => {
  const ok = (status: number, text: string | Buffer, format: 'query' | 'json' = 'query'): boolean =>
    isSuccessfulAnswer(format, status, Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'));

  it('should accept OK in any case, trimmed of whitespace and BOM', () => {
    expect(ok(200, 'OK')).toBe(true);
    expect(ok(200, ' ok\n')).toBe(true);
    expect(ok(204, '\r\n\tOk  ')).toBe(true);
    expect(ok(200, '\uFEFFOK')).toBe(true);
    expect(ok(200, Buffer.from([0xff, 0xfe, 0x4f, 0x00, 0x4b, 0x00]))).toBe(true);
  });

  it('should refuse other bodies and non-2xx statuses in the query format', () => {
    expect(ok(200, 'FAIL')).toBe(false);
    expect(ok(200, '')).toBe(false);
    expect(ok(200, 'OKAY')).toBe(false);
    expect(ok(200, 'O K')).toBe(false);
    expect(ok(500, 'OK')).toBe(false);
    expect(ok(302, 'OK')).toBe(false);
  });

  it('should accept any 2xx in the json format', () => {
    expect(ok(200, '', 'json')).toBe(true);
    expect(ok(202, 'whatever', 'json')).toBe(true);
    expect(ok(301, 'OK', 'json')).toBe(false);
    expect(ok(500, 'OK', 'json')).toBe(false);
  });
});

describe('redactCallbackUrl', () => {
  it('should mask both signature params', () => {
    const url = 'http://shop.example/cb?tid=1&signature=abcdef0123456789&signature2=fedcba9876543210';
    expect(redactCallbackUrl(url, (v) => `${v.slice(0, 4)}…`)).toBe(
      'http://shop.example/cb?tid=1&signature=abcd…&signature2=fedc…',
    );
  });
});

describe('query callback over HTTP', () => {
  let server: http.Server;
  let received: string[] = [];
  let base = '';
  const sender = new CallbackSender({ timeoutMs: 2000, allowPrivate: true });

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      received.push(req.url ?? '');
      res.end('OK');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await sender.close();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    received = [];
  });

  it.each<[CallbackCharset]>([['UTF-8'], ['EUC-KR']])(
    'should deliver a %s query a PHP receiver decodes and verifies',
    async (charset) => {
      const secret = generateCallbackSecret();
      const req = prepareCallback(
        { url: `${base}/cb.php?order=42`, charset, format: 'query', secrets: [secret] },
        depositCallback({ name: '똠방각하 햏' }),
        NOW,
      );
      const outcome = await sender.send(req, 'query');
      expect(outcome.ok).toBe(true);
      expect(received).toHaveLength(1);
      expect(received[0].startsWith('/cb.php?order=42&tid=141218182288692&')).toBe(true);
      const get = phpReceiver(queryOf(received[0]), charset);
      expect(get.name).toBe('똠방각하 햏');
      expect(get.bank_name).toBe('국민은행');
      expect(get.paydt).toBe('2014-12-18 18:23:00');
      expect(get.order).toBe('42');
      expect(phpVerify(get, secret)).toBe(true);
    },
  );
});
