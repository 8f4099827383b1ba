export type SmsEncoding = 'gsm7' | 'ucs2' | '8bit' | 'ksc5601';

export interface DataCoding {
  encoding: SmsEncoding;
  /** Compressed user data (TS 23.042) is not decoded; no known sender uses it. */
  compressed: boolean;
}

/** "This value used for KSC5601 by carriers in Korea" (AOSP SmsMessage, BANK-SMS.md §2.2). */
export const DCS_KSC5601 = 0x84;

const ALPHABET_BY_BITS: readonly SmsEncoding[] = ['gsm7', '8bit', 'ucs2', 'gsm7'];

/**
 * TS 23.038 §4 coding groups. node-pdu 2.1.1 reads group 0xF with bit 3 set (0xF8–0xFB) as UCS2;
 * here the reserved bit is ignored as the spec requires (vector V07).
 */
export function interpretDcs(dcs: number): DataCoding {
  const group = dcs >> 4;
  if (group <= 0x7) {
    // General data coding and automatic deletion: bit 5 compression, bits 3..2 alphabet (11 reserved -> 7-bit).
    return { encoding: ALPHABET_BY_BITS[(dcs >> 2) & 0x03], compressed: (dcs & 0x20) !== 0 };
  }
  if (group <= 0xb) {
    // Reserved groups: spec says assume the default alphabet, Korean carriers use 0x84 for KSC5601.
    return { encoding: dcs === DCS_KSC5601 ? 'ksc5601' : 'gsm7', compressed: false };
  }
  if (group <= 0xd) {
    // Message waiting, discard or store: 7-bit whatever bits 3..2 say (vector V19, DCS 0xC8).
    return { encoding: 'gsm7', compressed: false };
  }
  if (group === 0xe) {
    return { encoding: 'ucs2', compressed: false };
  }
  return { encoding: (dcs & 0x04) !== 0 ? '8bit' : 'gsm7', compressed: false };
}

/** TP-UDL counts septets for 7-bit, octets otherwise (compressed data always counts octets). */
export function userDataOctets(coding: DataCoding, udl: number): number {
  return coding.encoding === 'gsm7' && !coding.compressed ? Math.ceil((udl * 7) / 8) : udl;
}
