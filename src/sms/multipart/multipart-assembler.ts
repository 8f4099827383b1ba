import { ValidationError } from 'src/common/app-error';
import { DecodedPdu } from 'src/sms/pdu/pdu-decoder';
import { interpretDcs } from 'src/sms/pdu/dcs';
import { parseUdh } from 'src/sms/pdu/udh';
import { decodeOctetText, isApplicationData } from 'src/sms/pdu/user-data-text';

export interface AssembledMessage {
  complete: boolean;
  /** Parts present, in sequence order; for an incomplete message only what has arrived. */
  text: string;
  /** Sequence numbers (1-based) not among the parts. */
  missing: number[];
}

/**
 * Groups the parts of one concatenated SMS (MODEMS.md §2.4): SIM, sender, reference, reference
 * width, total. Not the SMSC and not the timestamp: parts of one message differ in both (V15/V16).
 * Null for a PDU that carries no concatenation header.
 */
export function multipartKey(simKey: string, pdu: DecodedPdu): string | null {
  if (!pdu.concat) {
    return null;
  }
  const { reference, referenceWidth, total } = pdu.concat;
  return JSON.stringify([simKey, pdu.sender, reference, referenceWidth, total]);
}

/**
 * Joins parts by sequence, in any order, ignoring repeated parts (a re-read or re-delivered part).
 * Octet-aligned encodings are decoded after joining the octets, because a UTF-16 surrogate pair or
 * a CP949 double-byte character can straddle two parts; 7-bit parts are septet-aligned text.
 */
export function assembleParts(parts: readonly DecodedPdu[]): AssembledMessage {
  if (parts.length === 0) {
    return { complete: false, text: '', missing: [] };
  }
  const total = sharedTotal(parts);
  const bySequence = new Map<number, DecodedPdu>();
  for (const part of parts) {
    const sequence = part.concat?.sequence ?? 1;
    if (!bySequence.has(sequence)) {
      bySequence.set(sequence, part);
    }
  }
  const missing: number[] = [];
  const runs: DecodedPdu[][] = [];
  let run: DecodedPdu[] = [];
  for (let sequence = 1; sequence <= total; sequence++) {
    const part = bySequence.get(sequence);
    if (part) {
      run.push(part);
      continue;
    }
    missing.push(sequence);
    runs.push(run);
    run = [];
  }
  runs.push(run);
  // A gap splits the message into runs; joining octets across a gap would glue unrelated bytes.
  const text = runs.map(runText).join('');
  return { complete: missing.length === 0, text, missing };
}

function sharedTotal(parts: readonly DecodedPdu[]): number {
  const first = parts[0];
  for (const part of parts) {
    const sameMessage =
      part.sender === first.sender &&
      part.concat?.reference === first.concat?.reference &&
      part.concat?.referenceWidth === first.concat?.referenceWidth &&
      part.concat?.total === first.concat?.total;
    if (!sameMessage) {
      throw new ValidationError(
        'parts',
        'belong to different concatenated messages (group them by multipartKey)',
      );
    }
  }
  return first.concat?.total ?? 1;
}

function runText(run: DecodedPdu[]): string {
  if (run.length === 0) {
    return '';
  }
  const encoding = run[0].encoding;
  const sameEncoding = run.every((part) => part.encoding === encoding);
  if (run.some(isApplicationPart)) {
    return '';
  }
  if (encoding === 'gsm7' || !sameEncoding) {
    return run.map((part) => part.text).join('');
  }
  const octets = Buffer.concat(run.map((part) => Buffer.from(part.userDataHex, 'hex')));
  return decodeOctetText(encoding, octets) ?? '';
}

function isApplicationPart(part: DecodedPdu): boolean {
  // udhHex comes from a successful decode, so re-parsing it cannot fail.
  const header = part.udhHex ? parseUdh(Buffer.from(part.udhHex, 'hex').subarray(1)) : null;
  return isApplicationData(interpretDcs(part.dcs), header);
}
