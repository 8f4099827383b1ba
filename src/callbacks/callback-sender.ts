import type { LookupAddress, LookupOptions } from 'node:dns';
import dns from 'node:dns';
import net from 'node:net';
import { performance } from 'node:perf_hooks';

import iconv from 'iconv-lite';
import { Agent, buildConnector, Dispatcher } from 'undici';

import { Logger, maskTail, rootLogger } from 'src/common/logger';

import { CallbackUrlRejectedError } from './callback.errors';
import { CallbackFormat, isSuccessfulAnswer, PreparedCallback, redactCallbackUrl } from './callback-request';
import {
  checkCallbackUrlSyntax,
  disallowedAddressReason,
  LookupFunction,
  unbracket,
} from './callback-url.guard';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
export const DEFAULT_CONNECTIONS_PER_HOST = 4;
export const BODY_SNIPPET_BYTES = 200;

export interface CallbackOutcome {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  /** First 200 bytes of the answer, decoded leniently; null when no answer arrived. */
  bodySnippet: string | null;
  error: string | null;
  /** Retrying cannot help: a 4xx other than 408/429, or a URL the gateway will never call. */
  permanent: boolean;
}

export interface CallbackSenderOptions {
  /** One call's limit, all included: connect, waiting for headers, reading the body. */
  timeoutMs: number;
  /** Allow loopback/private/link-local targets (CALLBACK_ALLOW_PRIVATE; tests, on-premise shops). */
  allowPrivate: boolean;
  /** Stop reading an answer beyond this many bytes (default 64 KB). */
  maxBodyBytes?: number;
  /** Connections per merchant origin, so one slow merchant cannot take every socket (default 4). */
  connectionsPerHost?: number;
  /**
   * Use this dispatcher instead of the sender's own guarded Agent (e.g. an undici MockAgent in
   * e2e tests). The caller then owns it, including its address policy; `close()` leaves it open.
   */
  dispatcher?: Dispatcher;
  /** Resolver for the connect-time lookup (dns.lookup-compatible); tests inject one. */
  lookup?: LookupFunction;
  logger?: Logger;
}

/** The overall deadline fired (distinguished from the caller's own aborts). */
class DeadlineError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timeout after ${timeoutMs} ms`);
  }
}

/**
 * Makes one HTTP call of a prepared callback and reports what happened; never throws. Redirects
 * are not followed (a 3xx is a failed call). Without an injected dispatcher every connection goes
 * through an address check on the IP actually connected to, so a URL that passed validation but
 * now resolves to a private address (DNS rebinding) is refused before any byte is sent.
 */
export class CallbackSender {
  private readonly timeoutMs: number;
  private readonly maxBodyBytes: number;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly logger: Logger;

  constructor(private readonly opts: CallbackSenderOptions) {
    this.timeoutMs = opts.timeoutMs;
    this.maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.logger = (opts.logger ?? rootLogger).child({ module: 'callbacks' });
    if (opts.dispatcher) {
      this.dispatcher = opts.dispatcher;
      this.ownsDispatcher = false;
    } else {
      this.dispatcher = new Agent({
        connections: opts.connectionsPerHost ?? DEFAULT_CONNECTIONS_PER_HOST,
        headersTimeout: opts.timeoutMs,
        bodyTimeout: opts.timeoutMs,
        connect: guardedConnector({
          timeoutMs: opts.timeoutMs,
          allowPrivate: opts.allowPrivate,
          lookup: opts.lookup ?? dns.lookup,
        }),
      });
      this.ownsDispatcher = true;
    }
  }

  async send(req: PreparedCallback, format: CallbackFormat): Promise<CallbackOutcome> {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DeadlineError(this.timeoutMs)), this.timeoutMs);
    let statusCode: number | null = null;
    let snippet: string | null = null;
    try {
      const syntax = checkCallbackUrlSyntax(req.url);
      if (!syntax.ok) {
        return this.done(req, {
          ok: false,
          statusCode,
          latencyMs: elapsed(),
          bodySnippet: null,
          error: `callback URL rejected: ${syntax.reason}`,
          permanent: true,
        });
      }
      const url = syntax.url;
      const res = await this.dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: req.method,
        headers: req.headers,
        body: req.body ?? undefined,
        signal: controller.signal,
      });
      statusCode = res.statusCode;
      const { bytes, truncated } = await readCapped(res.body, this.maxBodyBytes);
      snippet = decodeSnippet(bytes.subarray(0, BODY_SNIPPET_BYTES), res.headers['content-type']);
      const success = !(truncated && format === 'query') && isSuccessfulAnswer(format, statusCode, bytes);
      return this.done(req, {
        ok: success,
        statusCode,
        latencyMs: elapsed(),
        bodySnippet: snippet,
        error: success ? null : describeAnswer(format, statusCode, truncated, this.maxBodyBytes),
        permanent: !success && isPermanentStatus(statusCode),
      });
    } catch (err) {
      const failure = describeError(err, controller.signal, this.timeoutMs);
      return this.done(req, {
        ok: false,
        statusCode,
        latencyMs: elapsed(),
        bodySnippet: snippet,
        error: failure.error,
        permanent: failure.permanent,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Close the sender's own connection pool (an injected dispatcher is left to its owner). */
  async close(): Promise<void> {
    if (this.ownsDispatcher) {
      await this.dispatcher.close();
    }
  }

  private done(req: PreparedCallback, outcome: CallbackOutcome): CallbackOutcome {
    this.logger.debug(
      {
        method: req.method,
        url: redactCallbackUrl(req.url, (v) => maskTail(v)),
        webhookSignature: req.headers['webhook-signature']
          ? maskTail(req.headers['webhook-signature'], 9)
          : undefined,
        ok: outcome.ok,
        statusCode: outcome.statusCode,
        latencyMs: outcome.latencyMs,
        error: outcome.error,
      },
      'callback call',
    );
    return outcome;
  }
}

// --- connection guard --------------------------------------------------------------------------

interface GuardOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  lookup: LookupFunction;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * An undici connector that resolves the host itself, refuses disallowed addresses before
 * connecting (net.connect connects to exactly the address the lookup returns, so there is no
 * second resolution to rebind), checks IP-literal hosts (which skip the lookup) and finally checks
 * the socket's remote address once connected, as a last line of defence.
 */
export function guardedConnector(opts: GuardOptions): buildConnector.connector {
  const lookup = (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    opts.lookup(hostname, { ...options, all: true }, (err, result) => {
      if (err) {
        callback(err, '');
        return;
      }
      const list: LookupAddress[] = Array.isArray(result)
        ? result
        : [{ address: result, family: net.isIP(result) }];
      if (!opts.allowPrivate) {
        for (const entry of list) {
          const why = disallowedAddressReason(entry.address);
          if (why) {
            callback(
              rejection(
                `host ${hostname} resolves to ${entry.address}, which is ${why}`,
                false,
              ) as unknown as NodeJS.ErrnoException,
              '',
            );
            return;
          }
        }
      }
      if (list.length === 0) {
        const notFound: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
        notFound.code = 'ENOTFOUND';
        callback(notFound, '');
        return;
      }
      if (options.all) {
        callback(null, list);
      } else {
        callback(null, list[0].address, list[0].family);
      }
    });
  };
  const base = buildConnector({ timeout: opts.timeoutMs, lookup });

  return (options, callback) => {
    const host = unbracket(options.hostname);
    if (!opts.allowPrivate && net.isIP(host) !== 0) {
      const why = disallowedAddressReason(host);
      if (why) {
        callback(rejection(`${host} is ${why}`, true), null);
        return;
      }
    }
    base(options, (...args) => {
      const [err, socket] = args;
      if (err !== null) {
        callback(err, null);
        return;
      }
      if (!opts.allowPrivate) {
        const remote = socket.remoteAddress;
        const why = remote ? disallowedAddressReason(remote) : 'unknown';
        if (why) {
          socket.destroy();
          callback(rejection(`connected to ${remote ?? 'an unknown address'}, which is ${why}`, false), null);
          return;
        }
      }
      callback(null, socket);
    });
  };
}

/** `permanent`: an IP-literal host never changes; a name may resolve elsewhere later. */
function rejection(reason: string, permanent: boolean): CallbackUrlRejectedError {
  return new CallbackUrlRejectedError(reason, { permanent });
}

// --- answers and errors ------------------------------------------------------------------------

async function readCapped(
  body: Dispatcher.ResponseData['body'],
  max: number,
): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    const room = max - size;
    if (chunk.length > room) {
      chunks.push(chunk.subarray(0, room));
      size += room;
      truncated = true;
      break; // leaving the loop destroys the stream: nothing more is read, the socket is dropped
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  if (truncated && !body.destroyed) {
    body.destroy();
  }
  return { bytes: Buffer.concat(chunks, size), truncated };
}

function isPermanentStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

function describeAnswer(format: CallbackFormat, status: number, truncated: boolean, max: number): string {
  if (status >= 300 && status < 400) {
    return `redirect (HTTP ${status}) not followed`;
  }
  if (status < 200 || status > 299) {
    return `HTTP ${status}`;
  }
  if (format === 'query' && truncated) {
    return `answer larger than ${max} bytes is not OK`;
  }
  return `HTTP ${status} but the answer is not OK`;
}

function describeError(
  err: unknown,
  signal: AbortSignal,
  timeoutMs: number,
): { error: string; permanent: boolean } {
  if (err instanceof CallbackUrlRejectedError) {
    return { error: err.message, permanent: err.context.permanent === true };
  }
  if (signal.aborted && signal.reason instanceof DeadlineError) {
    return { error: `timeout after ${timeoutMs} ms`, permanent: false };
  }
  const code = errCode(err);
  const message = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return { error: `connect timeout after ${timeoutMs} ms`, permanent: false };
    case 'UND_ERR_HEADERS_TIMEOUT':
      return { error: `timeout after ${timeoutMs} ms waiting for the answer headers`, permanent: false };
    case 'UND_ERR_BODY_TIMEOUT':
      return { error: `timeout after ${timeoutMs} ms reading the answer body`, permanent: false };
    case 'ECONNREFUSED':
      return { error: 'connection refused (ECONNREFUSED)', permanent: false };
    default:
      return { error: code ? `${code}: ${message}` : message, permanent: false };
  }
}

function errCode(err: unknown): string | null {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') {
    return err.code;
  }
  return null;
}

/**
 * Answer text for logs and the attempt row: UTF-8 when the bytes are valid UTF-8 (an incomplete
 * character cut at the end is dropped), else CP949 (EUC-KR pages of Korean shops), per content-type
 * charset when it names one.
 */
function decodeSnippet(bytes: Buffer, contentType: string | string[] | undefined): string {
  const type = Array.isArray(contentType) ? contentType[0] : contentType;
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(type ?? '')?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8' && iconv.encodingExists(charset)) {
    return iconv.decode(bytes, charset).replace(/\uFFFD$/, '');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return iconv.decode(bytes, 'cp949').replace(/\uFFFD$/, '');
  }
}
