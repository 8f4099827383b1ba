import { OctetReader } from './octet-reader';
import { PduDecodeError } from './pdu-decode.error';

export interface ServiceCentreTime {
  instant: Date;
  /** Minutes east of UTC; quarter-hour resolution, so +05:30 is 330 (node-pdu prints "+5.5:00"). */
  offsetMinutes: number;
}

// Two-digit years: SMS did not exist before the 1990s, so 90–99 are 19xx.
const CENTURY_PIVOT = 90;

/** TP-SCTS / TP-DT (TS 23.040 §9.2.3.11): seven swapped-BCD octets, the last one the zone. */
export function readScts(reader: OctetReader, field: string): ServiceCentreTime {
  const octets = reader.take(7, field);
  const [yy, month, day, hour, minute, second] = Array.from(octets.subarray(0, 6), (o) =>
    swappedBcd(o, field),
  );
  const offsetMinutes = zoneMinutes(octets[6], field);
  const year = yy >= CENTURY_PIVOT ? 1900 + yy : 2000 + yy;
  const wallClock = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wallClock);
  // Date.UTC rolls 31 February over into March; a timestamp that does not round-trip is corrupt.
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute ||
    check.getUTCSeconds() !== second
  ) {
    throw new PduDecodeError(`${field}: not a calendar time`);
  }
  return { instant: new Date(wallClock - offsetMinutes * 60_000), offsetMinutes };
}

function swappedBcd(octet: number, field: string): number {
  const tens = octet & 0x0f;
  const units = octet >> 4;
  if (tens > 9 || units > 9) {
    throw new PduDecodeError(`${field}: octet 0x${octet.toString(16)} is not BCD`);
  }
  return tens * 10 + units;
}

/** Quarter hours in swapped BCD; bit 3 of the low nibble is the sign (TS 23.040 §9.2.3.11). */
function zoneMinutes(octet: number, field: string): number {
  const tens = octet & 0x07;
  const units = octet >> 4;
  if (units > 9) {
    throw new PduDecodeError(`${field}: time zone octet 0x${octet.toString(16)} is not BCD`);
  }
  const minutes = (tens * 10 + units) * 15;
  // `|| 0` keeps a "-00:00" zone from becoming -0.
  return (octet & 0x08) !== 0 ? -minutes || 0 : minutes;
}
