import iconv from 'iconv-lite';

import { AppError, ErrorCode } from 'src/common/app-error';
import { formatKst } from 'src/common/clock';

import { CallbackUrlRejectedError } from './callback.errors';
import { signQueryParams, signStandardWebhook } from './callback-signer';

export type CallbackCharset = 'UTF-8' | 'EUC-KR';
export type CallbackFormat = 'query' | 'json';

export interface DepositCallback {
  tid: string;
  merchantId: string;
  bankCode: string;
  bankName: string;
  accountId: string;
  account: string;
  amount: number;
  name: string;
  balance: number | null;
  depositedAt: Date;
  verdict: 'verified' | 'suspicious';
  memo: string | null;
  attempt: number | 'manual';
  test?: boolean;
}

export interface CallbackTarget {
  url: string;
  charset: CallbackCharset;
  format: CallbackFormat;
  /** Current secret first; during a rotation the previous one second (both signatures are sent). */
  secrets: string[];
}

export interface PreparedCallback {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

export const CALLBACK_USER_AGENT = 'Ipgeum-Callback/1.0';
export const JSON_EVENT_DEPOSIT_RECEIVED = 'deposit.received';
export const JSON_EVENT_DEPOSIT_TEST = 'deposit.test';
/** `test=1` marks a test callback in the `query` format (absent on real deposits). */
export const QUERY_TEST_PARAM = 'test';

/**
 * Names the gateway sets in the `query` format. A parameter of the same name already present in the
 * merchant's callback URL is dropped, so every receiver (PHP keeps the last value, Node's
 * URLSearchParams the first, Express makes an array) sees the same, signed, value.
 */
export const QUERY_PARAM_NAMES: readonly string[] = [
  'tid',
  'bankcode',
  'account',
  'price',
  'name',
  'paydt',
  'uid',
  'charset',
  'bank_name',
  'balance',
  'verdict',
  'attempt',
  'ts',
  'signature',
  'signature2',
];

/** Build the HTTP request of one callback call (pure: no I/O, `now` injected). */
export function prepareCallback(
  target: CallbackTarget,
  deposit: DepositCallback,
  now: Date,
): PreparedCallback {
  if (target.secrets.length === 0) {
    throw new AppError(ErrorCode.CallbackFailed, 'callback target has no secret', { tid: deposit.tid });
  }
  const url = parseCallbackUrl(target.url);
  return target.format === 'json'
    ? prepareJson(url, target, deposit, now)
    : prepareQuery(url, target, deposit, now);
}

function prepareQuery(
  url: URL,
  target: CallbackTarget,
  deposit: DepositCallback,
  now: Date,
): PreparedCallback {
  const charset = target.charset;
  // What the receiver will read back after decoding: a character CP949 cannot carry arrives as '?',
  // so the signature is computed over that, not over the original text.
  const asReceived = (value: string): string => decodeBytes(encodeText(value, charset), charset);

  const ours: Array<[string, string]> = [
    ['tid', deposit.tid],
    ['bankcode', deposit.bankCode],
    ['account', deposit.account],
    ['price', String(deposit.amount)],
    ['name', deposit.name],
    ['paydt', formatKst(deposit.depositedAt)],
    ['uid', deposit.merchantId],
    ['charset', charset],
    ['bank_name', deposit.bankName],
    ['balance', deposit.balance === null ? '' : String(deposit.balance)],
    ['verdict', deposit.verdict],
    ['attempt', String(deposit.attempt)],
    ['ts', String(Math.floor(now.getTime() / 1000))],
  ];
  if (deposit.test) {
    // A test callback (POST /accounts/:id/test-callback): a fake deposit the merchant must not book.
    ours.push([QUERY_TEST_PARAM, '1']);
  }

  // The merchant's own query is kept byte for byte (minus names we set) and, since the contract
  // signs "every other param" the receiver gets, it is part of the signed string too.
  const kept = splitQuery(url.search.slice(1)).filter(
    (pair) =>
      !QUERY_PARAM_NAMES.includes(pair.name(charset)) &&
      !(deposit.test && pair.name(charset) === QUERY_TEST_PARAM),
  );
  const signed: Record<string, string> = {};
  for (const pair of kept) {
    signed[pair.name(charset)] = pair.value(charset); // last one wins, as in PHP's $_GET
  }
  for (const [name, value] of ours) {
    signed[name] = asReceived(value);
  }

  // Secret rotation: the contract has one `signature`, computed with the current secret. While a
  // previous secret is still valid we add `signature2`, computed with it over the same canonical
  // string (both signature params are excluded from it), so a receiver still configured with the
  // old secret can verify `signature2`; receivers with the current one keep verifying `signature`.
  const signatures: Array<[string, string]> = [['signature', signQueryParams(signed, target.secrets[0])]];
  if (target.secrets.length > 1) {
    signatures.push(['signature2', signQueryParams(signed, target.secrets[1])]);
  }

  const query = [...ours, ...signatures]
    .map(([name, value]) => `${percentEncode(name, charset)}=${percentEncode(value, charset)}`)
    .join('&');
  const existing = kept.map((pair) => pair.raw).join('&');
  return {
    method: 'GET',
    url: `${url.origin}${url.pathname}?${existing ? `${existing}&` : ''}${query}`,
    headers: { 'user-agent': CALLBACK_USER_AGENT, accept: 'text/plain, */*' },
    body: null,
  };
}

function prepareJson(
  url: URL,
  target: CallbackTarget,
  deposit: DepositCallback,
  now: Date,
): PreparedCallback {
  const timestampSec = Math.floor(now.getTime() / 1000);
  const body = JSON.stringify({
    type: deposit.test ? JSON_EVENT_DEPOSIT_TEST : JSON_EVENT_DEPOSIT_RECEIVED,
    timestamp: now.toISOString(),
    data: {
      tid: deposit.tid,
      bankCode: deposit.bankCode,
      bankName: deposit.bankName,
      accountId: deposit.accountId,
      account: deposit.account,
      amount: deposit.amount,
      name: deposit.name,
      balance: deposit.balance,
      depositedAt: deposit.depositedAt.toISOString(),
      verdict: deposit.verdict,
      memo: deposit.memo,
      attempt: deposit.attempt,
    },
  });
  const signature = target.secrets
    .map((secret) => signStandardWebhook(deposit.tid, timestampSec, body, secret))
    .join(' ');
  return {
    method: 'POST',
    url: `${url.origin}${url.pathname}${url.search}`,
    headers: {
      'content-type': 'application/json',
      'user-agent': CALLBACK_USER_AGENT,
      'webhook-id': deposit.tid,
      'webhook-timestamp': String(timestampSec),
      'webhook-signature': signature,
    },
    body,
  };
}

/**
 * Did the merchant accept the call? `query`: a 2xx whose body, trimmed of whitespace and a byte
 * order mark, is `OK` in any case. `json`: any 2xx.
 */
export function isSuccessfulAnswer(format: CallbackFormat, statusCode: number, body: Buffer): boolean {
  if (statusCode < 200 || statusCode > 299) {
    return false;
  }
  if (format === 'json') {
    return true;
  }
  return (
    decodeAnswer(body)
      .replace(/^[\s\uFEFF]+|[\s\uFEFF]+$/g, '')
      .toUpperCase() === 'OK'
  );
}

/** Answer text: UTF-16 when it starts with a UTF-16 BOM, else UTF-8 (the BOM kept as U+FEFF). */
function decodeAnswer(body: Buffer): string {
  if (body.length >= 2 && body[0] === 0xff && body[1] === 0xfe) {
    return iconv.decode(body, 'utf-16le');
  }
  if (body.length >= 2 && body[0] === 0xfe && body[1] === 0xff) {
    return iconv.decode(body, 'utf-16be');
  }
  return body.toString('utf8');
}

/** Replace signature values in a callback URL so it can be logged or stored. */
export function redactCallbackUrl(url: string, mask: (value: string) => string): string {
  return url.replace(
    /([?&]signature2?=)([^&#]*)/g,
    (_m, prefix: string, value: string) => prefix + mask(value),
  );
}

// --- helpers -----------------------------------------------------------------------------------

function parseCallbackUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CallbackUrlRejectedError('not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CallbackUrlRejectedError(`unsupported scheme ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new CallbackUrlRejectedError('credentials in the URL are not allowed');
  }
  return url;
}

function encodeText(value: string, charset: CallbackCharset): Buffer {
  return charset === 'EUC-KR' ? iconv.encode(value, 'cp949') : Buffer.from(value, 'utf8');
}

function decodeBytes(bytes: Buffer, charset: CallbackCharset): string {
  return charset === 'EUC-KR' ? iconv.decode(bytes, 'cp949') : bytes.toString('utf8');
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Every byte of the value in the charset that is not RFC 3986 unreserved, as `%XX`. */
export function percentEncode(value: string, charset: CallbackCharset): string {
  let out = '';
  for (const byte of encodeText(value, charset)) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && UNRESERVED.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `+` as space and `%XX` as a byte, the way PHP's query parser (urldecode) reads a component. */
function percentDecode(component: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < component.length; i++) {
    const ch = component[i];
    if (ch === '+') {
      bytes.push(0x20);
    } else if (ch === '%' && /^[0-9A-Fa-f]{2}$/.test(component.slice(i + 1, i + 3))) {
      bytes.push(parseInt(component.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(ch, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

interface QueryPair {
  raw: string;
  name(charset: CallbackCharset): string;
  value(charset: CallbackCharset): string;
}

function splitQuery(raw: string): QueryPair[] {
  return raw
    .split('&')
    .filter((part) => part !== '')
    .map((part): QueryPair => {
      const eq = part.indexOf('=');
      const rawName = eq === -1 ? part : part.slice(0, eq);
      const rawValue = eq === -1 ? '' : part.slice(eq + 1);
      return {
        raw: part,
        name: (charset) => decodeBytes(percentDecode(rawName), charset),
        value: (charset) => decodeBytes(percentDecode(rawValue), charset),
      };
    })
    .filter((pair) => pair.name('UTF-8') !== '');
}
