import dns from 'node:dns';
import net from 'node:net';

import ipaddr from 'ipaddr.js';

export type LookupFunction = typeof dns.lookup;

export type CallbackUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

export interface CallbackUrlCheckOptions {
  allowPrivate: boolean;
  /** Resolver (dns.lookup-compatible); tests inject one so no real DNS is used. */
  lookup?: LookupFunction;
}

/**
 * May the gateway call this URL? http(s) only, no credentials, and (unless `allowPrivate`) a host
 * that is or resolves only to public unicast addresses. Used when an account's URL is saved; the
 * sender repeats the address check at connect time on the address it actually connects to, so a
 * DNS answer that changes later (rebinding) is caught too.
 */
export async function checkCallbackUrl(
  raw: string,
  opts: CallbackUrlCheckOptions,
): Promise<CallbackUrlCheck> {
  const syntax = checkCallbackUrlSyntax(raw);
  if (!syntax.ok) {
    return syntax;
  }
  const { url } = syntax;
  if (opts.allowPrivate) {
    return syntax;
  }
  const host = unbracket(url.hostname);
  if (net.isIP(host) !== 0) {
    const why = disallowedAddressReason(host);
    return why ? { ok: false, reason: `${host} is ${why}` } : syntax;
  }
  let addresses: string[];
  try {
    addresses = await resolveAll(host, opts.lookup ?? dns.lookup);
  } catch (err) {
    return { ok: false, reason: `host ${host} does not resolve (${errorCode(err)})` };
  }
  if (addresses.length === 0) {
    return { ok: false, reason: `host ${host} does not resolve` };
  }
  for (const address of addresses) {
    const why = disallowedAddressReason(address);
    if (why) {
      return { ok: false, reason: `host ${host} resolves to ${address}, which is ${why}` };
    }
  }
  return syntax;
}

/** The checks that need no DNS: parseable, http(s), no user info, a host. */
export function checkCallbackUrlSyntax(raw: string): CallbackUrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      ok: false,
      reason: `scheme ${url.protocol.replace(/:$/, '')} is not allowed (http or https only)`,
    };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'credentials in the URL are not allowed' };
  }
  if (url.hostname === '') {
    return { ok: false, reason: 'no host' };
  }
  return { ok: true, url };
}

/**
 * Why an IP address may not be called without `allowPrivate`, or null when it is public unicast.
 * Everything ipaddr.js classifies as a special range is refused (loopback, private, link-local
 * incl. 169.254.169.254, CGNAT, unique-local, IPv4-mapped, unspecified, multicast, broadcast,
 * reserved, 6to4/Teredo …), except NAT64 (64:ff9b::/96), judged by the IPv4 address it carries.
 */
export function disallowedAddressReason(address: string): string | null {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(unbracket(address));
  } catch {
    return 'not an IP address';
  }
  const range = ip.range();
  if (ip.kind() === 'ipv6' && range === 'rfc6052') {
    const bytes = (ip as ipaddr.IPv6).toByteArray();
    const embedded = new ipaddr.IPv4(bytes.slice(12));
    const inner = embedded.range();
    return inner === 'unicast' ? null : `a NAT64 address of a ${inner} address`;
  }
  return range === 'unicast' ? null : `a ${range} address`;
}

/** Resolve every address of a host through a dns.lookup-compatible function. */
export function resolveAll(host: string, lookup: LookupFunction): Promise<string[]> {
  return new Promise((resolve, reject) => {
    lookup(host, { all: true, verbatim: true }, (err, result) => {
      if (err) {
        reject(err);
        return;
      }
      // Tolerate a lookup that ignores `all` and answers with one address.
      const list = Array.isArray(result)
        ? result.map((entry) => entry.address)
        : [result as unknown as string];
      resolve(list.filter((address) => typeof address === 'string' && address !== ''));
    });
  });
}

export function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function errorCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') {
    return err.code;
  }
  return err instanceof Error ? err.message : String(err);
}
