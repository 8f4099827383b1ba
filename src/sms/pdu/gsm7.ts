/**
 * GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 §6.2.1, §6.2.1.1).
 * Written out here instead of taken from node-pdu, whose 2.1.1 table maps 0x5F to '`' (spec: '§').
 */
export const GSM7_DEFAULT_ALPHABET: readonly string[] = [
  ...'@£$¥èéùìòÇ\nØø\rÅå',
  ...'Δ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ',
  ...' !"#¤%&\'()*+,-./',
  ...'0123456789:;<=>?',
  ...'¡ABCDEFGHIJKLMNO',
  ...'PQRSTUVWXYZÄÖÑÜ§',
  ...'¿abcdefghijklmno',
  ...'pqrstuvwxyzäöñüà',
];

export const GSM7_ESCAPE = 0x1b;

export const GSM7_EXTENSION_TABLE: ReadonlyMap<number, string> = new Map([
  [0x0a, '\f'],
  [0x14, '^'],
  [0x28, '{'],
  [0x29, '}'],
  [0x2f, '\\'],
  [0x3c, '['],
  [0x3d, '~'],
  [0x3e, ']'],
  [0x40, '|'],
  [0x65, '€'],
]);

/** Septet i sits at bit 7*i, least significant bit first (TS 23.038 §6.1.2.1). */
export function unpackSeptets(octets: Uint8Array, count: number): number[] {
  const septets: number[] = [];
  for (let i = 0; i < count; i++) {
    const bit = i * 7;
    const index = bit >> 3;
    const shift = bit & 7;
    const low = (octets[index] ?? 0) >> shift;
    const high = shift > 1 ? (octets[index + 1] ?? 0) << (8 - shift) : 0;
    septets.push((low | high) & 0x7f);
  }
  return septets;
}

export function septetsToText(septets: readonly number[]): string {
  let text = '';
  for (let i = 0; i < septets.length; i++) {
    const code = septets[i];
    if (code !== GSM7_ESCAPE) {
      text += GSM7_DEFAULT_ALPHABET[code];
      continue;
    }
    // A trailing escape has nothing to extend; dropping it beats inventing a character.
    if (i + 1 >= septets.length) {
      break;
    }
    const next = septets[++i];
    // Spec: an unknown extension shows the default-table character; ESC ESC is reserved, shown as space.
    text += GSM7_EXTENSION_TABLE.get(next) ?? (next === GSM7_ESCAPE ? ' ' : GSM7_DEFAULT_ALPHABET[next]);
  }
  return text;
}

/**
 * Text of a 7-bit user data field. `septetCount` is TP-UDL; `skipSeptets` covers the UDH plus its
 * fill bits, which is why the header is skipped in septets, not octets.
 */
export function decodeGsm7(octets: Uint8Array, septetCount: number, skipSeptets = 0): string {
  return septetsToText(unpackSeptets(octets, septetCount).slice(skipSeptets));
}

/** Septets a UDH of `udhOctets` (length octet included) occupies, fill bits included. */
export function udhSeptets(udhOctets: number): number {
  return Math.ceil((udhOctets * 8) / 7);
}
