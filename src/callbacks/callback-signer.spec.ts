import { createHmac, timingSafeEqual } from 'node:crypto';

import {
  canonicalQueryString,
  generateCallbackSecret,
  signQueryParams,
  signStandardWebhook,
} from './callback-signer';

/** The Standard Webhooks verifier, reimplemented from the spec (standardwebhooks.com). */
function verifyStandardWebhook(
  secret: string,
  id: string,
  timestamp: string,
  body: string,
  header: string,
): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return header.split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    if (version !== 'v1' || !signature) {
      return false;
    }
    const given = Buffer.from(signature, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

const PARAMS: Record<string, string> = {
  tid: '141218182288692',
  bankcode: '004',
  account: '63301436001',
  price: '1000000',
  name: '홍길동',
  paydt: '2014-12-18 18:23:00',
  uid: 'm_1',
  charset: 'UTF-8',
  bank_name: '국민은행',
  balance: '',
  verdict: 'verified',
  attempt: '1',
  ts: '1418894580',
  signature: 'ignored',
  signature2: 'ignored too',
};

const CANONICAL =
  'account=63301436001&attempt=1&balance=&bank_name=국민은행&bankcode=004&charset=UTF-8&name=홍길동' +
  '&paydt=2014-12-18 18:23:00&price=1000000&tid=141218182288692&ts=1418894580&uid=m_1&verdict=verified';

describe('generateCallbackSecret', () => {
  it('should return whsec_ followed by base64 of 32 random bytes', () => {
    const secret = generateCallbackSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateCallbackSecret()).not.toBe(secret);
  });
});

describe('canonicalQueryString', () => {
  it('should sort every param except the signatures by name and join raw UTF-8 values', () => {
    expect(canonicalQueryString(PARAMS)).toBe(CANONICAL);
  });

  it('should sort bank_name before bankcode as PHP ksort does (byte order)', () => {
    expect(canonicalQueryString({ bankcode: '1', bank_name: '2', balance: '3' })).toBe(
      'balance=3&bank_name=2&bankcode=1',
    );
  });

  it('should not percent-encode values', () => {
    expect(canonicalQueryString({ a: 'x y&z=1', b: '%41' })).toBe('a=x y&z=1&b=%41');
  });
});

describe('signQueryParams', () => {
  it('should match a vector computed independently with openssl (hash_hmac with the whole secret)', () => {
    // printf '%s' "$CANONICAL" | openssl dgst -sha256 -hmac 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
    expect(signQueryParams(PARAMS, SECRET)).toBe(
      'bb474a0697519f66cd61da151abbeb75c5337c926ef15241bb125d83affed62a',
    );
  });

  it('should equal crypto.createHmac keyed with the whole secret string as UTF-8', () => {
    const expected = createHmac('sha256', Buffer.from(SECRET, 'utf8'))
      .update(Buffer.from(CANONICAL, 'utf8'))
      .digest('hex');
    expect(signQueryParams(PARAMS, SECRET)).toBe(expected);
  });

  it('should not depend on the signature params or on insertion order', () => {
    const reordered = Object.fromEntries(Object.entries(PARAMS).reverse());
    delete reordered.signature;
    expect(signQueryParams(reordered, SECRET)).toBe(signQueryParams(PARAMS, SECRET));
  });

  it('should refuse an empty secret', () => {
    expect(() => signQueryParams(PARAMS, '')).toThrow(/secret/);
  });
});

describe('signStandardWebhook', () => {
  it('should reproduce the Standard Webhooks reference vector', () => {
    expect(
      signStandardWebhook('msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}', SECRET),
    ).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('should verify with the Standard Webhooks algorithm for a generated secret and a Korean body', () => {
    const secret = generateCallbackSecret();
    const body = JSON.stringify({ type: 'deposit.received', data: { name: '홍길동', amount: 1000 } });
    const header = signStandardWebhook('141218182288692', 1418894580, body, secret);
    expect(header).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(verifyStandardWebhook(secret, '141218182288692', '1418894580', body, header)).toBe(true);
    expect(verifyStandardWebhook(secret, '141218182288692', '1418894581', body, header)).toBe(false);
    expect(
      verifyStandardWebhook(generateCallbackSecret(), '141218182288692', '1418894580', body, header),
    ).toBe(false);
  });
});
