import { decodeGsm7 } from './gsm7';
import { OctetReader } from './octet-reader';
import { PduDecodeError } from './pdu-decode.error';

export type AddressType = 'international' | 'national' | 'alphanumeric' | 'unknown';

export interface Address {
  /** '+' and digits when international, the GSM text when alphanumeric, else the digits. */
  raw: string;
  type: AddressType;
  toa: number;
}

/** TS 23.040 §9.1.2.5: a 20-digit number, or 11 alphanumeric characters, fills 10 octets. */
const MAX_ADDRESS_SEMI_OCTETS = 20;
const MAX_SMSC_OCTETS = 12;
const SEMI_OCTET_SYMBOLS = '0123456789*#abc';
const FILLER = 0x0f;

/** TP-OA / TP-DA / TP-RA: the length counts useful semi-octets (or alphanumeric semi-octets). */
export function readAddress(reader: OctetReader, field: string): Address {
  const semiOctets = reader.byte(`${field} length`);
  if (semiOctets > MAX_ADDRESS_SEMI_OCTETS) {
    throw new PduDecodeError(`${field}: length ${semiOctets} exceeds ${MAX_ADDRESS_SEMI_OCTETS} semi-octets`);
  }
  const toa = reader.byte(`${field} type`);
  const value = reader.take(Math.ceil(semiOctets / 2), field);
  const type = addressType(toa);
  if (type === 'alphanumeric') {
    // Septets that fit the announced semi-octets; V02 shows senders that pad with a visible septet.
    return { raw: decodeGsm7(value, Math.floor((semiOctets * 4) / 7)), type, toa };
  }
  const digits = semiOctetDigits(value, semiOctets, field);
  return { raw: type === 'international' ? `+${digits}` : digits, type, toa };
}

/** The SMSC prefix of a modem PDU: its length counts octets, type-of-address included. */
export function readSmscAddress(reader: OctetReader): string | null {
  const octets = reader.byte('SMSC length');
  if (octets === 0) {
    return null;
  }
  if (octets > MAX_SMSC_OCTETS) {
    throw new PduDecodeError(`SMSC: length ${octets} exceeds ${MAX_SMSC_OCTETS} octets`);
  }
  const toa = reader.byte('SMSC type');
  const value = reader.take(octets - 1, 'SMSC');
  const digits = semiOctetDigits(value, value.length * 2, 'SMSC');
  return addressType(toa) === 'international' ? `+${digits}` : digits;
}

function addressType(toa: number): AddressType {
  switch ((toa >> 4) & 0x07) {
    case 0b001:
      return 'international';
    case 0b010:
      return 'national';
    case 0b101:
      return 'alphanumeric';
    default:
      return 'unknown';
  }
}

function semiOctetDigits(octets: Uint8Array, count: number, field: string): string {
  let digits = '';
  for (let i = 0; i < count; i++) {
    const octet = octets[i >> 1];
    const nibble = i % 2 === 0 ? octet & 0x0f : octet >> 4;
    if (nibble === FILLER) {
      // Only the pad of an odd-length number may be a filler.
      if (i === count - 1 && i % 2 === 1) {
        break;
      }
      throw new PduDecodeError(`${field}: filler semi-octet inside the number`);
    }
    digits += SEMI_OCTET_SYMBOLS[nibble];
  }
  return digits;
}

const KOREA_COUNTRY_CODE = '82';
// Shortest international Korean number: 82 + an 8-digit service number or a 2 + 7-digit Seoul line.
const MIN_KOREAN_INTERNATIONAL_DIGITS = 10;
// 15xx/16xx/18xx… representative numbers: 8 digits starting with 1, dialled without a trunk 0.
const SERVICE_NUMBER = /^1\d{7}$/;
const PHONE_PUNCTUATION = /^[\d\s+\-().*#]*$/;

/**
 * The form banks and merchants write a Korean number in: digits only, +82 replaced by the trunk
 * '0' except for 8-digit service numbers. Alphanumeric senders are kept as they are.
 * '+8216449999' / '8216449999' / '1644-9999' -> '16449999'; '+821012345678' -> '01012345678'.
 */
export function normaliseSender(raw: string): string {
  if (!PHONE_PUNCTUATION.test(raw)) {
    return raw;
  }
  const digits = raw.replace(/\D/g, '');
  const international = raw.trim().startsWith('+') || digits.length >= MIN_KOREAN_INTERNATIONAL_DIGITS;
  if (!international || !digits.startsWith(KOREA_COUNTRY_CODE)) {
    return digits;
  }
  const national = digits.slice(KOREA_COUNTRY_CODE.length);
  return SERVICE_NUMBER.test(national) ? national : `0${national}`;
}
