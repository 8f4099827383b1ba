/** node-pdu's view of an SMS-DELIVER PDU, typed for the specs (node-pdu stays an independent check of the encoder). */
import { Deliver, parse } from 'node-pdu';

export interface DecodedDeliver {
  sender: string;
  /** address type octet as node-pdu prints it (hex, e.g. '91') */
  senderType: string;
  smsc: string;
  text: string;
  /** SCTS as epoch ms and zone offset in minutes */
  timeMs: number;
  tzOffMinutes: number;
  udhi: boolean;
  /** concatenation header of the first part, if any */
  concat: { reference: number | undefined; total: number | undefined; seq: number | undefined } | null;
  /** raw user data (hex, UDH removed) of the first part */
  rawUserData: string;
}

export function decodeDeliver(pdu: string): DecodedDeliver {
  const parsed = parse(pdu);
  if (!(parsed instanceof Deliver)) {
    throw new Error(`not an SMS-DELIVER PDU: ${pdu}`);
  }
  const part = parsed.data.parts[0];
  const header = part?.header?.toJSON();
  return {
    sender: parsed.address.phone ?? '',
    senderType: parsed.address.type.toString(),
    smsc: parsed.serviceCenterAddress.phone ?? '',
    text: parsed.data.getText(),
    timeMs: parsed.serviceCenterTimeStamp.time * 1000,
    tzOffMinutes: parsed.serviceCenterTimeStamp.tzOff,
    udhi: parsed.type.userDataHeader === 1,
    concat: header ? { reference: header.POINTER, total: header.SEGMENTS, seq: header.CURRENT } : null,
    rawUserData: part?.data ?? '',
  };
}
