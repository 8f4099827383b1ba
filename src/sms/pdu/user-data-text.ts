import { decodeCp949, decodeCp949Text } from './cp949';
import { DataCoding, SmsEncoding } from './dcs';
import { decodeUcs2 } from './ucs2';
import { UserDataHeader } from './udh';

export type OctetEncoding = Exclude<SmsEncoding, 'gsm7'>;

/**
 * Text of octet-aligned user data, or null when it is not text (8-bit data that is not CP949).
 * Shared by the decoder (one part) and the assembler (joined parts), so a character cut between
 * parts decodes the same way as a whole one.
 */
export function decodeOctetText(encoding: OctetEncoding, octets: Uint8Array, partial = false): string | null {
  switch (encoding) {
    case 'ucs2':
      return decodeUcs2(octets);
    case 'ksc5601':
      return decodeCp949(octets);
    case '8bit':
      // BANK-SMS.md §2.2: Korean text also arrives as plain 8-bit; anything else is binary.
      return decodeCp949Text(octets, partial);
  }
}

/** Port-addressed (WAP push, V05) or compressed data is for an application, never a person's text. */
export function isApplicationData(coding: DataCoding, header: UserDataHeader | null): boolean {
  return coding.compressed || (header?.ports ?? null) !== null;
}
