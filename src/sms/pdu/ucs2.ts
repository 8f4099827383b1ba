const REPLACEMENT = '\uFFFD';

/**
 * DCS 0x08 user data. Read as UTF-16BE, not strict UCS-2: handsets send emoji as surrogate pairs
 * (vector V18). Lone surrogates and an odd trailing octet become U+FFFD so the text is always
 * well-formed (PostgreSQL and JSON choke on lone surrogates).
 */
export function decodeUcs2(octets: Uint8Array): string {
  const units: number[] = [];
  for (let i = 0; i + 1 < octets.length; i += 2) {
    units.push((octets[i] << 8) | octets[i + 1]);
  }
  let text = '';
  for (let i = 0; i < units.length; i++) {
    const unit = units[i];
    if (isHighSurrogate(unit) && i + 1 < units.length && isLowSurrogate(units[i + 1])) {
      text += String.fromCharCode(unit, units[++i]);
    } else if (isHighSurrogate(unit) || isLowSurrogate(unit)) {
      text += REPLACEMENT;
    } else {
      text += String.fromCharCode(unit);
    }
  }
  return octets.length % 2 === 1 ? text + REPLACEMENT : text;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
