import type { LookupAddress } from 'node:dns';
import net from 'node:net';

import { checkCallbackUrl, disallowedAddressReason, LookupFunction } from './callback-url.guard';

/** A resolver that answers from a table and never touches real DNS. */
function fakeLookup(table: Record<string, string[]>): LookupFunction & { calls: string[] } {
  const calls: string[] = [];
  const lookup = ((hostname: string, options: unknown, callback: unknown) => {
    calls.push(hostname);
    const cb = (typeof options === 'function' ? options : callback) as (
      err: NodeJS.ErrnoException | null,
      addresses: LookupAddress[],
    ) => void;
    const addresses = table[hostname];
    if (!addresses) {
      const err: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      err.code = 'ENOTFOUND';
      process.nextTick(() => cb(err, []));
      return;
    }
    process.nextTick(() =>
      cb(
        null,
        addresses.map((address) => ({ address, family: net.isIP(address) })),
      ),
    );
  }) as unknown as LookupFunction & { calls: string[] };
  lookup.calls = calls;
  return lookup;
}

const LOOKUP = fakeLookup({
  'shop.example': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'intranet.example': ['192.168.1.1'],
  'mixed.example': ['93.184.216.34', '10.1.2.3'],
  'rebind.example': ['127.0.0.1'],
  'v6local.example': ['fd00::5'],
});

describe('checkCallbackUrl', () => {
  it.each([
    'http://127.0.0.1',
    'http://127.0.0.1:8080/cb',
    'http://[::1]',
    'http://169.254.169.254/latest/meta-data',
    'http://10.0.0.1',
    'http://172.16.5.4',
    'http://192.168.0.10',
    'http://100.64.0.1',
    'http://[::ffff:127.0.0.1]',
    'http://[::ffff:8.8.8.8]',
    'http://0.0.0.0',
    'http://[::]',
    'http://224.0.0.1',
    'http://255.255.255.255',
    'http://240.0.0.1',
    'http://[fe80::1]',
    'http://[fc00::1]',
    'http://[64:ff9b::7f00:1]',
    'http://2130706433',
    'http://0x7f.1',
  ])('should reject the literal address %s', async (url) => {
    const result = await checkCallbackUrl(url, { allowPrivate: false, lookup: LOOKUP });
    expect(result.ok).toBe(false);
  });

  it.each([
    ['intranet.example', '192.168.1.1'],
    ['mixed.example', '10.1.2.3'],
    ['rebind.example', '127.0.0.1'],
    ['v6local.example', 'fd00::5'],
  ])('should reject %s, which resolves to %s', async (host, address) => {
    const result = await checkCallbackUrl(`https://${host}/cb`, { allowPrivate: false, lookup: LOOKUP });
    expect(result).toEqual({ ok: false, reason: expect.stringContaining(address) });
  });

  it('should accept a public name and a public literal', async () => {
    const named = await checkCallbackUrl('https://shop.example/cb.php?x=1', {
      allowPrivate: false,
      lookup: LOOKUP,
    });
    expect(named.ok && named.url.hostname).toBe('shop.example');
    expect(
      (await checkCallbackUrl('http://93.184.216.34/cb', { allowPrivate: false, lookup: LOOKUP })).ok,
    ).toBe(true);
    expect(
      (await checkCallbackUrl('http://[2606:2800:220:1::1]/cb', { allowPrivate: false, lookup: LOOKUP })).ok,
    ).toBe(true);
    expect(
      (await checkCallbackUrl('http://[64:ff9b::5db8:d822]/', { allowPrivate: false, lookup: LOOKUP })).ok,
    ).toBe(true);
  });

  it('should reject a name that does not resolve', async () => {
    const result = await checkCallbackUrl('http://nowhere.example/', { allowPrivate: false, lookup: LOOKUP });
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('ENOTFOUND') });
  });

  it('should allow private and loopback targets with allowPrivate, without resolving', async () => {
    const lookup = fakeLookup({});
    for (const url of [
      'http://127.0.0.1:3000/cb',
      'http://[::1]/',
      'http://169.254.169.254',
      'http://intranet.example',
    ]) {
      expect((await checkCallbackUrl(url, { allowPrivate: true, lookup })).ok).toBe(true);
    }
    expect(lookup.calls).toEqual([]);
  });

  it.each([
    ['ftp://shop.example/cb', /scheme ftp/],
    ['file:///etc/passwd', /scheme file/],
    ['javascript:alert(1)', /scheme javascript/],
    ['http://user:pass@shop.example/cb', /credentials/],
    ['http://user@shop.example/cb', /credentials/],
    ['shop.example/cb', /not a valid URL/],
  ])('should reject %s even with allowPrivate', async (url, reason) => {
    const result = await checkCallbackUrl(url, { allowPrivate: true, lookup: LOOKUP });
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });
});

describe('disallowedAddressReason', () => {
  it('should name the range of a special address and pass public unicast', () => {
    expect(disallowedAddressReason('169.254.169.254')).toMatch(/linkLocal/);
    expect(disallowedAddressReason('100.100.1.1')).toMatch(/carrierGradeNat/);
    expect(disallowedAddressReason('::ffff:10.0.0.1')).toMatch(/ipv4Mapped/);
    expect(disallowedAddressReason('8.8.8.8')).toBeNull();
    expect(disallowedAddressReason('2001:4860:4860::8888')).toBeNull();
    expect(disallowedAddressReason('nonsense')).toMatch(/not an IP/);
  });
});
