import * as iconv from 'iconv-lite';

/**
 * Decodes a callback's raw query the way a merchant's receiver does: split on & and =, then
 * percent-decode the bytes in the account's charset (PHP with EUC-KR: CP949).
 */
export function decodeCallbackQuery(rawUrl: string, charset: 'UTF-8' | 'EUC-KR'): Record<string, string> {
  const query = rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?') + 1) : '';
  const params: Record<string, string> = {};
  for (const pair of query.split('&').filter(Boolean)) {
    const [key, value = ''] = pair.split('=');
    params[decodeBytes(key, charset)] = decodeBytes(value, charset);
  }
  return params;
}

function decodeBytes(encoded: string, charset: 'UTF-8' | 'EUC-KR'): string {
  return iconv.decode(percentDecodeBytes(encoded), charset === 'EUC-KR' ? 'cp949' : 'utf8');
}

/** Bytes of a query component as PHP's parser sees them: `+` is a space, `%XX` a byte. */
export function percentDecodeBytes(encoded: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    if (encoded[i] === '%' && /^[0-9a-fA-F]{2}$/.test(encoded.slice(i + 1, i + 3))) {
      bytes.push(parseInt(encoded.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(encoded[i] === '+' ? 0x20 : encoded.charCodeAt(i));
    }
  }
  return Buffer.from(bytes);
}
