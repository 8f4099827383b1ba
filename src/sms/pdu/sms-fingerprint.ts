import { createHash } from 'node:crypto';

import type { DecodedPdu } from './pdu-decoder';

// Bump when the hashed fields change: stored fingerprints of the old scheme stop matching.
const FINGERPRINT_VERSION = 'ipgeum-sms-v1';

/**
 * Identity of one SMS on one SIM (MODEMS.md §2.3): the same SMS read twice, or re-delivered by the
 * network through another SMSC, hashes the same. The SMSC address and the storage index are left
 * out on purpose: both change between copies of one message.
 */
export function smsFingerprint(simKey: string, pdu: DecodedPdu): string {
  const fields = [
    FINGERPRINT_VERSION,
    simKey,
    pdu.kind,
    pdu.sender,
    pdu.smscTimestamp.getTime(),
    pdu.timezoneOffsetMinutes,
    pdu.pid,
    pdu.dcs,
    (pdu.udhHex ?? '').toUpperCase(),
    pdu.userDataHex.toUpperCase(),
  ];
  // JSON keeps field boundaries unambiguous whatever the SIM key or sender contain.
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}
