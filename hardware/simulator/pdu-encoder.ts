/**
 * A small, self-contained SMS-DELIVER PDU encoder (3GPP TS 23.040) for the modem simulator.
 *
 * It produces what a real network puts into a modem's storage when a bank texts a SIM:
 * SMSC address, first octet (TP-MTI=00 deliver, TP-MMS, TP-UDHI when concatenated), originating
 * address (international 91, national A1, unknown 81, alphanumeric D0 with a GSM 7-bit packed
 * name), PID, DCS (0x08 UCS2 by default, 0x84 KSC5601/CP949 as Korean carriers use it, 0x00 GSM
 * 7-bit), SCTS with time zone in quarter hours (+09:00 KST by default), UDL and user data with an
 * 8-bit-reference concatenation UDH when the text does not fit one PDU.
 *
 * It deliberately does not depend on node-pdu: the specs decode its output with node-pdu, so the
 * two check each other.
 */
import * as iconv from 'iconv-lite';

export type SmsEncoding = 'ucs2' | 'ksc5601' | 'gsm7';

export const SMS_ENCODINGS: readonly SmsEncoding[] = ['ucs2', 'ksc5601', 'gsm7'];

/** DCS octet per encoding (GSM 03.38 general group; 0x84 is what AOSP maps to KSC5601). */
export const DCS_BY_ENCODING: Readonly<Record<SmsEncoding, number>> = {
  gsm7: 0x00,
  ucs2: 0x08,
  ksc5601: 0x84,
};

/** Korea Standard Time in quarter hours. */
export const KST_QUARTER_HOURS = 36;

export const DEFAULT_SMSC = '+821010000000';

export type AddressType = 'international' | 'national' | 'unknown' | 'alphanumeric';

export interface DeliverPduInput {
  /** '+8215889999' (international), '15889999' (unknown or national), 'KBStar' (alphanumeric). */
  sender: string;
  text: string;
  encoding?: SmsEncoding;
  /** Forces the originating address type; by default '+…' is international, digits are unknown, else alphanumeric. */
  senderType?: AddressType;
  /** SMSC address written in front of the TPDU; null writes the '00' "use the stored SMSC" form. */
  smsc?: string | null;
  /** Service centre time stamp; defaults to now. */
  timestamp?: Date;
  /** Time zone of the SCTS in quarter hours (may be negative). Default +36 (KST). */
  tzQuarterHours?: number;
  /** 8-bit concatenation reference used when the text needs more than one part. */
  reference?: number;
  /** TP-PID; default 0x00. */
  pid?: number;
  /** Split a long text inside a character (a UTF-16 surrogate pair or a CP949 double byte) as some senders do. */
  splitInsideCharacters?: boolean;
  /** TP-MMS: true leaves bit 2 clear ("more messages are waiting"); default false like most real PDUs. */
  moreMessagesToSend?: boolean;
}

export interface EncodedPdu {
  /** Upper-case hex of SMSC info + TPDU, exactly as a modem prints it after +CMGR/+CMGL. */
  pdu: string;
  /** TPDU length in octets (the SMSC info excluded): the <length> field of +CMGR/+CMGL/+CMT. */
  tpduLength: number;
  /** 1-based part number and the part count (1/1 for a single PDU). */
  part: number;
  parts: number;
}

// ---------------------------------------------------------------- GSM 7-bit default alphabet

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION: Readonly<Record<string, number>> = {
  '\f': 0x0a,
  '^': 0x14,
  '{': 0x28,
  '}': 0x29,
  '\\': 0x2f,
  '[': 0x3c,
  '~': 0x3d,
  ']': 0x3e,
  '|': 0x40,
  '€': 0x65,
};
const GSM7_ESCAPE = 0x1b;

/** Text to GSM 7-bit septets; extension characters become ESC + code. Throws on characters outside the alphabet. */
export function toGsm7Septets(text: string): number[] {
  const septets: number[] = [];
  for (const ch of text) {
    const basic = ch === '\u001b' ? -1 : GSM7_BASIC.indexOf(ch);
    if (basic >= 0) {
      septets.push(basic);
    } else if (ch in GSM7_EXTENSION) {
      septets.push(GSM7_ESCAPE, GSM7_EXTENSION[ch]);
    } else {
      throw new RangeError(`character ${JSON.stringify(ch)} is not in the GSM 7-bit alphabet`);
    }
  }
  return septets;
}

export function isGsm7Encodable(text: string): boolean {
  try {
    toGsm7Septets(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Packs septets LSB-first starting at bit `startBit` of the returned buffer (the bits before are zero,
 * so a UDH can be copied over them; the gap between the UDH and the first septet is the fill bits).
 */
export function packSeptets(septets: readonly number[], startBit = 0): Buffer {
  const totalBits = startBit + septets.length * 7;
  const out = Buffer.alloc(Math.ceil(totalBits / 8));
  let bit = startBit;
  for (const septet of septets) {
    for (let i = 0; i < 7; i++, bit++) {
      if ((septet >> i) & 1) {
        out[bit >> 3] |= 1 << (bit & 7);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- addresses and time

/** Swapped semi-octets of a digit string, padded with F ('12345' -> '214365F'... as bytes 21 43 F5). */
export function swapSemiOctets(digits: string): string {
  const padded = digits.length % 2 ? `${digits}F` : digits;
  let out = '';
  for (let i = 0; i < padded.length; i += 2) {
    out += padded[i + 1] + padded[i];
  }
  return out;
}

export function classifyAddress(address: string): AddressType {
  if (/^\+\d+$/.test(address)) {
    return 'international';
  }
  if (/^\d+$/.test(address)) {
    return 'unknown';
  }
  return 'alphanumeric';
}

const TOA: Readonly<Record<AddressType, number>> = {
  international: 0x91,
  national: 0xa1,
  unknown: 0x81,
  alphanumeric: 0xd0,
};

/** TP-OA: length (semi-octets), type of address, value. */
export function encodeOriginatingAddress(
  address: string,
  type: AddressType = classifyAddress(address),
): string {
  if (type === 'alphanumeric') {
    const septets = toGsm7Septets(address);
    if (septets.length > 11) {
      throw new RangeError('an alphanumeric sender has at most 11 characters');
    }
    const packed = packSeptets(septets);
    return (
      hex(Math.ceil((septets.length * 7) / 4)) + hex(TOA.alphanumeric) + packed.toString('hex').toUpperCase()
    );
  }
  const digits = address.replace(/^\+/, '');
  if (!/^\d{1,20}$/.test(digits)) {
    throw new RangeError(`invalid numeric address ${JSON.stringify(address)}`);
  }
  return hex(digits.length) + hex(TOA[type]) + swapSemiOctets(digits);
}

/** SMSC information: length in octets (TOA included), TOA, value; null gives '00'. */
export function encodeSmscAddress(smsc: string | null): string {
  if (smsc === null || smsc === '') {
    return '00';
  }
  const international = smsc.startsWith('+');
  const digits = smsc.replace(/^\+/, '');
  if (!/^\d{1,20}$/.test(digits)) {
    throw new RangeError(`invalid SMSC address ${JSON.stringify(smsc)}`);
  }
  const value = swapSemiOctets(digits);
  return hex(1 + value.length / 2) + hex(international ? 0x91 : 0x81) + value;
}

/** TP-SCTS: the wall-clock time in the given zone, as 7 swapped semi-octet pairs, sign in bit 3 of the zone's tens digit. */
export function encodeScts(date: Date, tzQuarterHours = KST_QUARTER_HOURS): string {
  if (!Number.isInteger(tzQuarterHours) || Math.abs(tzQuarterHours) > 79) {
    throw new RangeError('time zone must be a whole number of quarter hours within ±79');
  }
  const local = new Date(date.getTime() + tzQuarterHours * 15 * 60_000);
  const fields = [
    local.getUTCFullYear() % 100,
    local.getUTCMonth() + 1,
    local.getUTCDate(),
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
  ];
  let out = fields.map((v) => swapSemiOctets(String(v).padStart(2, '0'))).join('');
  const abs = Math.abs(tzQuarterHours);
  const tens = Math.floor(abs / 10) | (tzQuarterHours < 0 ? 0x8 : 0);
  out += (abs % 10).toString(16).toUpperCase() + tens.toString(16).toUpperCase();
  return out;
}

// ---------------------------------------------------------------- user data

interface UserDataPart {
  /** user data without UDH */
  payload: Buffer | number[];
}

const UCS2_SINGLE_OCTETS = 140;
const UCS2_CONCAT_OCTETS = 134; // 140 - 6 octets of UDH (UDHL + IE 00 03 ref total seq) = 67 UTF-16 units
const GSM7_SINGLE_SEPTETS = 160;
const GSM7_CONCAT_SEPTETS = 153;
const CONCAT_UDH_OCTETS = 6;

function splitOctets(bytes: Buffer, encoding: SmsEncoding, text: string, inside: boolean): Buffer[] {
  if (bytes.length <= UCS2_SINGLE_OCTETS) {
    return [bytes];
  }
  const parts: Buffer[] = [];
  if (inside) {
    for (let i = 0; i < bytes.length; i += UCS2_CONCAT_OCTETS) {
      parts.push(bytes.subarray(i, i + UCS2_CONCAT_OCTETS));
    }
    return parts;
  }
  // keep characters whole: collect encoded characters until the part is full
  let current: Buffer[] = [];
  let size = 0;
  for (const ch of text) {
    const encoded = encodeText(ch, encoding);
    if (size + encoded.length > UCS2_CONCAT_OCTETS) {
      parts.push(Buffer.concat(current));
      current = [];
      size = 0;
    }
    current.push(encoded);
    size += encoded.length;
  }
  parts.push(Buffer.concat(current));
  return parts;
}

function splitSeptets(septets: number[], inside: boolean): number[][] {
  if (septets.length <= GSM7_SINGLE_SEPTETS) {
    return [septets];
  }
  const parts: number[][] = [];
  let i = 0;
  while (i < septets.length) {
    let end = Math.min(i + GSM7_CONCAT_SEPTETS, septets.length);
    // never leave an ESC as the last septet of a part: it belongs to the next character
    if (!inside && end < septets.length && isEscapeAt(septets, i, end - 1)) {
      end -= 1;
    }
    parts.push(septets.slice(i, end));
    i = end;
  }
  return parts;
}

function isEscapeAt(septets: number[], from: number, index: number): boolean {
  // an ESC at `index` starts a pair unless it is itself the second half of a pair
  let k = from;
  while (k < index) {
    k += septets[k] === GSM7_ESCAPE ? 2 : 1;
  }
  return k === index && septets[index] === GSM7_ESCAPE;
}

/** User-data octets of a text (UCS2 big-endian, CP949) or its septets (GSM 7-bit), without UDH. */
export function encodeText(text: string, encoding: SmsEncoding): Buffer {
  if (encoding === 'ucs2') {
    return Buffer.from(text, 'utf16le').swap16();
  }
  if (encoding === 'ksc5601') {
    return iconv.encode(text, 'cp949');
  }
  return Buffer.from(toGsm7Septets(text));
}

// ---------------------------------------------------------------- the PDU

/** Encodes one SMS as one or more SMS-DELIVER PDUs (more when concatenation is needed). */
export function encodeSmsDeliver(input: DeliverPduInput): EncodedPdu[] {
  const encoding = input.encoding ?? 'ucs2';
  if (!SMS_ENCODINGS.includes(encoding)) {
    throw new RangeError(`unknown encoding ${String(encoding)}`);
  }
  const smsc = input.smsc === undefined ? DEFAULT_SMSC : input.smsc;
  const oa = encodeOriginatingAddress(input.sender, input.senderType);
  const pid = hex(input.pid ?? 0);
  const dcs = hex(DCS_BY_ENCODING[encoding]);
  const scts = encodeScts(input.timestamp ?? new Date(), input.tzQuarterHours ?? KST_QUARTER_HOURS);
  const reference = (input.reference ?? 0) & 0xff;
  const inside = input.splitInsideCharacters ?? false;

  const parts: UserDataPart[] =
    encoding === 'gsm7'
      ? splitSeptets(toGsm7Septets(input.text), inside).map((payload) => ({ payload }))
      : splitOctets(encodeText(input.text, encoding), encoding, input.text, inside).map((payload) => ({
          payload,
        }));
  if (parts.length > 255) {
    throw new RangeError('text too long: more than 255 parts');
  }
  const concatenated = parts.length > 1;

  return parts.map(({ payload }, i) => {
    let firstOctet = 0x00; // TP-MTI 00 = SMS-DELIVER
    if (!input.moreMessagesToSend) {
      firstOctet |= 0x04; // TP-MMS: no more messages waiting
    }
    if (concatenated) {
      firstOctet |= 0x40; // TP-UDHI
    }
    const udh = concatenated
      ? Buffer.from([0x05, 0x00, 0x03, reference, parts.length, i + 1])
      : Buffer.alloc(0);
    let udl: number;
    let ud: Buffer;
    if (encoding === 'gsm7') {
      const septets = payload as number[];
      const headerSeptets = Math.ceil((udh.length * 8) / 7);
      ud = packSeptets(septets, headerSeptets * 7);
      udh.copy(ud, 0);
      udl = headerSeptets + septets.length;
    } else {
      ud = Buffer.concat([udh, payload as Buffer]);
      udl = ud.length;
    }
    const tpdu = hex(firstOctet) + oa + pid + dcs + scts + hex(udl) + ud.toString('hex').toUpperCase();
    return {
      pdu: encodeSmscAddress(smsc) + tpdu,
      tpduLength: tpdu.length / 2,
      part: i + 1,
      parts: parts.length,
    };
  });
}

/** Part capacity in characters of one encoding (for docs and tests). */
export const PART_CAPACITY = {
  ucs2: { single: UCS2_SINGLE_OCTETS / 2, concatenated: UCS2_CONCAT_OCTETS / 2 },
  gsm7: { single: GSM7_SINGLE_SEPTETS, concatenated: GSM7_CONCAT_SEPTETS },
  ksc5601: { singleOctets: UCS2_SINGLE_OCTETS, concatenatedOctets: UCS2_CONCAT_OCTETS },
  udhOctets: CONCAT_UDH_OCTETS,
} as const;

function hex(octet: number): string {
  return (octet & 0xff).toString(16).toUpperCase().padStart(2, '0');
}
