#!/usr/bin/env node
// Ipgeum callback receiver (Node.js 18+; iconv-lite for EUC-KR accounts).
// 입금 콜백 수신 예제: 서명 검증, 언어셋(UTF-8/EUC-KR) 처리, tid 기준 중복 처리, "OK" 응답.
//
//   npm install iconv-lite
//   IPGEUM_SECRET='whsec_...' PORT=8080 node receiver.js
//
// Both callback formats arrive at the same URL here:
//   query: GET  /callback?tid=...&signature=...   -> answer the text OK (HTTP 200)
//   json:  POST /callback (Standard Webhooks)       -> answer any 2xx
// Each accepted deposit is printed as one JSON line on stdout.
'use strict';

const http = require('node:http');
const crypto = require('node:crypto');
// EUC-KR accounts send CP949 bytes. Node's built-in TextDecoder('euc-kr') does NOT decode CP949's
// extension syllables (똠, 햏, 뷁 ...): it turns them into garbage and the signature fails. iconv-lite does.
const iconv = require('iconv-lite');

const SECRET = process.env.IPGEUM_SECRET; // the merchant's callbackSecret, whsec_...
const PREVIOUS_SECRET = process.env.IPGEUM_PREVIOUS_SECRET || ''; // optional, during a rotation
const PORT = Number(process.env.PORT || 8080);
const HOST = process.env.HOST || '127.0.0.1';
const TOLERANCE_SEC = 5 * 60; // refuse calls signed more than 5 minutes ago (replays)

if (!SECRET) {
  console.error('set IPGEUM_SECRET to your callbackSecret (whsec_...)');
  process.exit(1);
}

// Idempotency by tid: every call of one deposit carries the same tid, and a deposit may be called
// more than once (retries, manual resend). In production use a UNIQUE constraint on tid in your
// database; a Set is enough for this example.
const booked = new Set();

function bookDeposit(deposit) {
  const duplicate = booked.has(deposit.tid);
  if (!duplicate && !deposit.test) booked.add(deposit.tid); // mark the order paid here
  console.log(JSON.stringify({ ...deposit, duplicate }));
}

// ---- query format (GET) ------------------------------------------------------------------------

/** Percent-decoding to bytes, the way PHP's $_GET does it ('+' is a space). */
function percentDecode(component) {
  const bytes = [];
  for (let i = 0; i < component.length; i++) {
    const ch = component[i];
    if (ch === '+') bytes.push(0x20);
    else if (ch === '%' && /^[0-9A-Fa-f]{2}$/.test(component.slice(i + 1, i + 3))) {
      bytes.push(parseInt(component.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(ch, 'utf8'));
  }
  return Buffer.from(bytes);
}

/** The query's parameters as text, decoded in the account's charset (the `charset` param). */
function parseQuery(rawQuery) {
  const pairs = rawQuery
    .split('&')
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=');
      return [percentDecode(eq < 0 ? part : part.slice(0, eq)), percentDecode(eq < 0 ? '' : part.slice(eq + 1))];
    });
  const charsetPair = pairs.find(([name]) => name.toString('latin1') === 'charset');
  const charset = charsetPair && charsetPair[1].toString('latin1') === 'EUC-KR' ? 'cp949' : 'utf8';
  const params = {};
  for (const [name, value] of pairs) params[iconv.decode(name, charset)] = iconv.decode(value, charset); // last one wins
  return params;
}

/** Every parameter but signature/signature2, sorted by name, as k=v joined by &, HMAC-SHA256 hex. */
function querySignature(params, secret) {
  const canonical = Object.keys(params)
    .filter((name) => name !== 'signature' && name !== 'signature2')
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    .map((name) => `${name}=${params[name]}`)
    .join('&');
  return crypto.createHmac('sha256', secret).update(canonical, 'utf8').digest('hex');
}

function safeEqual(a, b) {
  const x = Buffer.from(String(a));
  const y = Buffer.from(String(b));
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function handleQuery(req, res) {
  const rawQuery = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
  const p = parseQuery(rawQuery);
  const secrets = [SECRET, PREVIOUS_SECRET].filter(Boolean);
  const valid = secrets.some((secret) => safeEqual(querySignature(p, secret), p.signature || ''));
  const fresh = Math.abs(Date.now() / 1000 - Number(p.ts)) <= TOLERANCE_SEC;
  if (!valid || !fresh) {
    res.writeHead(401, { 'content-type': 'text/plain' }).end(valid ? 'STALE' : 'BAD SIGNATURE');
    return;
  }
  bookDeposit({
    format: 'query',
    tid: p.tid,
    bankCode: p.bankcode,
    account: p.account,
    amount: Number(p.price),
    name: p.name,
    paidAt: p.paydt,
    verdict: p.verdict,
    attempt: p.attempt,
    test: p.test === '1',
  });
  res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
}

// ---- json format (POST, Standard Webhooks) ---------------------------------------------------

function webhookSignature(id, timestamp, body, secret) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return 'v1,' + crypto.createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
}

function handleJson(req, res, body) {
  const id = req.headers['webhook-id'];
  const timestamp = req.headers['webhook-timestamp'];
  const sent = String(req.headers['webhook-signature'] || '').split(' ');
  const secrets = [SECRET, PREVIOUS_SECRET].filter(Boolean);
  const valid = secrets.some((secret) => {
    const expected = webhookSignature(id, timestamp, body, secret);
    return sent.some((signature) => safeEqual(signature, expected));
  });
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) <= TOLERANCE_SEC;
  if (!valid || !fresh) {
    res.writeHead(401, { 'content-type': 'text/plain' }).end(valid ? 'stale' : 'bad signature');
    return;
  }
  const event = JSON.parse(body);
  const d = event.data;
  bookDeposit({
    format: 'json',
    tid: d.tid,
    bankCode: d.bankCode,
    account: d.account,
    amount: d.amount,
    name: d.name,
    paidAt: d.depositedAt,
    verdict: d.verdict,
    attempt: String(d.attempt),
    test: event.type === 'deposit.test',
  });
  res.writeHead(204).end();
}

http
  .createServer((req, res) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > 1024 * 1024) req.destroy(); // callbacks are small
      else chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        if (req.method === 'GET') handleQuery(req, res);
        else if (req.method === 'POST') handleJson(req, res, Buffer.concat(chunks).toString('utf8'));
        else res.writeHead(405).end();
      } catch (error) {
        console.error(error);
        res.writeHead(400, { 'content-type': 'text/plain' }).end('BAD REQUEST');
      }
    });
  })
  .listen(PORT, HOST, function () {
    console.error(`ipgeum receiver listening on http://${HOST}:${this.address().port}/`);
  });
