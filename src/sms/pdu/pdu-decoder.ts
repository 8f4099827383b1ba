import { readAddress, readSmscAddress, normaliseSender, Address } from './address';
import { DataCoding, interpretDcs, SmsEncoding, userDataOctets } from './dcs';
import { decodeGsm7, udhSeptets } from './gsm7';
import { bytesToHex, hexToBytes, OctetReader } from './octet-reader';
import { PduDecodeError } from './pdu-decode.error';
import { readScts, ServiceCentreTime } from './scts';
import { parseUdh, UserDataHeader } from './udh';
import { decodeOctetText, isApplicationData } from './user-data-text';

export { normaliseSender } from './address';
export { PduDecodeError } from './pdu-decode.error';
export { smsFingerprint } from './sms-fingerprint';
export type { SmsEncoding } from './dcs';

export interface ConcatInfo {
  reference: number;
  referenceWidth: 8 | 16;
  total: number;
  sequence: number;
}

export interface DecodedPdu {
  kind: 'deliver' | 'status-report' | 'other';
  smsc: string | null;
  /** As in the PDU: '+8216449999', 'KB', '16449999'. */
  senderRaw: string;
  /** See normaliseSender; alphanumeric senders unchanged. */
  sender: string;
  senderType: 'international' | 'national' | 'alphanumeric' | 'unknown';
  pid: number;
  dcs: number;
  encoding: SmsEncoding;
  smscTimestamp: Date;
  timezoneOffsetMinutes: number;
  udhHex: string | null;
  /** total = 1 is a complete message (vector V09). */
  concat: ConcatInfo | null;
  /** False for port-addressed (WAP push), compressed, and 8-bit data that is not CP949 text. */
  isText: boolean;
  text: string;
  /** User data after the UDH (for 7-bit: the octets after the UDH, fill bits included). */
  userDataHex: string;
}

/** TP-MTI as stored on a SIM: received DELIVER and STATUS-REPORT, or a stored outgoing SUBMIT. */
const MTI_DELIVER = 0b00;
const MTI_SUBMIT = 0b01;
const MTI_STATUS_REPORT = 0b10;
const UDHI = 0x40;
const MAX_USER_DATA_OCTETS = 140;
// TP-VPF (bits 4..3) of a SUBMIT -> validity period octets: none, enhanced, relative, absolute.
const VALIDITY_PERIOD_OCTETS = [0, 7, 1, 7];
const STATUS_REPORT_PI_PID = 0x01;
const STATUS_REPORT_PI_DCS = 0x02;
// A SUBMIT has no service centre time; the epoch marks "none" without a nullable field.
const NO_TIMESTAMP: ServiceCentreTime = { instant: new Date(0), offsetMinutes: 0 };

/**
 * Decodes a PDU as a modem prints it in PDU mode (+CMGR/+CMGL), SMSC prefix included.
 * Surrounding whitespace and quotes (a stray '"' is real, vector V02) are tolerated; anything
 * else malformed throws PduDecodeError, and nothing else escapes.
 */
export function decodePdu(hex: string): DecodedPdu {
  try {
    const cleaned = hex.trim().replace(/^"+|"+$/g, '');
    return decodeTpdu(new OctetReader(hexToBytes(cleaned)));
  } catch (err) {
    throw PduDecodeError.wrap(err, hex);
  }
}

function decodeTpdu(reader: OctetReader): DecodedPdu {
  const smsc = readSmscAddress(reader);
  const firstOctet = reader.byte('first octet');
  switch (firstOctet & 0x03) {
    case MTI_DELIVER:
      return decodeDeliver(reader, smsc, firstOctet);
    case MTI_SUBMIT:
      return decodeSubmit(reader, smsc, firstOctet);
    case MTI_STATUS_REPORT:
      return decodeStatusReport(reader, smsc);
    default:
      throw new PduDecodeError('reserved message type indicator');
  }
}

function decodeDeliver(reader: OctetReader, smsc: string | null, firstOctet: number): DecodedPdu {
  const sender = readAddress(reader, 'TP-OA');
  const pid = reader.byte('TP-PID');
  const dcs = reader.byte('TP-DCS');
  const time = readScts(reader, 'TP-SCTS');
  return {
    kind: 'deliver',
    smsc,
    ...senderFields(sender),
    pid,
    dcs,
    ...timeFields(time),
    ...readUserData(reader, dcs, firstOctet),
  };
}

/** A stored outgoing message (AT+CMGL=4 lists them too): the "sender" is its destination. */
function decodeSubmit(reader: OctetReader, smsc: string | null, firstOctet: number): DecodedPdu {
  reader.byte('TP-MR');
  const destination = readAddress(reader, 'TP-DA');
  const pid = reader.byte('TP-PID');
  const dcs = reader.byte('TP-DCS');
  reader.take(VALIDITY_PERIOD_OCTETS[(firstOctet >> 3) & 0x03], 'TP-VP');
  return {
    kind: 'other',
    smsc,
    ...senderFields(destination),
    pid,
    dcs,
    ...timeFields(NO_TIMESTAMP),
    ...readUserData(reader, dcs, firstOctet),
  };
}

/**
 * The "sender" is the recipient of our message. Everything after TP-SCTS (discharge time, status,
 * optional fields) is kept as user data so that successive reports on one message fingerprint apart.
 */
function decodeStatusReport(reader: OctetReader, smsc: string | null): DecodedPdu {
  reader.byte('TP-MR');
  const recipient = readAddress(reader, 'TP-RA');
  const time = readScts(reader, 'TP-SCTS');
  const payload = reader.rest();
  const tail = new OctetReader(payload);
  readScts(tail, 'TP-DT');
  tail.byte('TP-ST');
  let pid = 0;
  let dcs = 0;
  if (tail.remaining > 0) {
    const parameters = tail.byte('TP-PI');
    pid = parameters & STATUS_REPORT_PI_PID ? tail.byte('TP-PID') : 0;
    dcs = parameters & STATUS_REPORT_PI_DCS ? tail.byte('TP-DCS') : 0;
  }
  return {
    kind: 'status-report',
    smsc,
    ...senderFields(recipient),
    pid,
    dcs,
    encoding: interpretDcs(dcs).encoding,
    ...timeFields(time),
    udhHex: null,
    concat: null,
    isText: false,
    text: '',
    userDataHex: bytesToHex(payload),
  };
}

function senderFields(address: Address): Pick<DecodedPdu, 'senderRaw' | 'sender' | 'senderType'> {
  const sender = address.type === 'alphanumeric' ? address.raw : normaliseSender(address.raw);
  return { senderRaw: address.raw, sender, senderType: address.type };
}

function timeFields(time: ServiceCentreTime): Pick<DecodedPdu, 'smscTimestamp' | 'timezoneOffsetMinutes'> {
  return { smscTimestamp: time.instant, timezoneOffsetMinutes: time.offsetMinutes };
}

type UserDataFields = Pick<DecodedPdu, 'encoding' | 'udhHex' | 'concat' | 'isText' | 'text' | 'userDataHex'>;

function readUserData(reader: OctetReader, dcs: number, firstOctet: number): UserDataFields {
  const coding = interpretDcs(dcs);
  const udl = reader.byte('TP-UDL');
  const octets = userDataOctets(coding, udl);
  if (octets > MAX_USER_DATA_OCTETS) {
    throw new PduDecodeError(`TP-UDL ${udl} exceeds ${MAX_USER_DATA_OCTETS} octets`);
  }
  // Octets beyond TP-UDL are ignored, not rejected: real modems print them (V06 carries 30).
  const userData = reader.take(octets, 'TP-UD');
  const headerOctets = (firstOctet & UDHI) !== 0 ? readHeaderLength(userData) : 0;
  const header = headerOctets > 0 ? parseUdh(userData.subarray(1, headerOctets)) : null;
  const body = userData.subarray(headerOctets);
  const { isText, text } = decodeBody(coding, userData, udl, headerOctets, header);
  return {
    encoding: coding.encoding,
    udhHex: header ? bytesToHex(userData.subarray(0, headerOctets)) : null,
    concat: header?.concat ?? null,
    isText,
    text,
    userDataHex: bytesToHex(body),
  };
}

/** UDHL plus the header it announces, which must fit in the user data. */
function readHeaderLength(userData: Uint8Array): number {
  if (userData.length === 0) {
    throw new PduDecodeError('UDHI set but the user data is empty');
  }
  const headerOctets = 1 + userData[0];
  if (headerOctets > userData.length) {
    throw new PduDecodeError(`UDH of ${headerOctets} octets overruns ${userData.length} octets of user data`);
  }
  return headerOctets;
}

function decodeBody(
  coding: DataCoding,
  userData: Uint8Array,
  udl: number,
  headerOctets: number,
  header: UserDataHeader | null,
): { isText: boolean; text: string } {
  if (isApplicationData(coding, header)) {
    return { isText: false, text: '' };
  }
  if (coding.encoding === 'gsm7') {
    const skip = headerOctets > 0 ? udhSeptets(headerOctets) : 0;
    if (skip > udl) {
      throw new PduDecodeError(`UDH of ${headerOctets} octets is longer than TP-UDL ${udl} septets`);
    }
    return { isText: true, text: decodeGsm7(userData, udl, skip) };
  }
  const text = decodeOctetText(
    coding.encoding,
    userData.subarray(headerOctets),
    header?.concat !== undefined && header.concat !== null,
  );
  return text === null ? { isText: false, text: '' } : { isText: true, text };
}
