import * as iconv from 'iconv-lite';

const REPLACEMENT = '\uFFFD';
// Bank texts carry LF, sometimes CRLF (BANK-SMS.md §2.2) and tabs; other C0 codes mean binary data.
const BINARY_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * KSC5601 as Korean carriers send it (DCS 0x84, and some 8-bit 0x04 texts). CP949 rather than
 * strict EUC-KR: names may use Hangul syllables that only CP949 has (BANK-SMS.md §2.2).
 */
export function decodeCp949(octets: Uint8Array): string {
  return iconv.decode(Buffer.from(octets), 'cp949');
}

/**
 * Text when 8-bit data reads as CP949 text (ASCII included), else null. `partial` lets one broken
 * double-byte character at either edge pass: a concatenated part may be cut inside a character.
 */
export function decodeCp949Text(octets: Uint8Array, partial = false): string | null {
  const text = decodeCp949(octets);
  const core = partial ? stripEdgeReplacement(text) : text;
  return core.includes(REPLACEMENT) || BINARY_CONTROL.test(core) ? null : text;
}

function stripEdgeReplacement(text: string): string {
  const head = text.startsWith(REPLACEMENT) ? 1 : 0;
  const tail = text.length > head && text.endsWith(REPLACEMENT) ? 1 : 0;
  return text.slice(head, text.length - tail);
}
