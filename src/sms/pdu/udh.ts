import { PduDecodeError } from './pdu-decode.error';

export interface UdhInformationElement {
  iei: number;
  data: Uint8Array;
}

export interface ConcatReference {
  reference: number;
  referenceWidth: 8 | 16;
  total: number;
  sequence: number;
}

export interface ApplicationPorts {
  destination: number;
  source: number;
}

export interface UserDataHeader {
  elements: UdhInformationElement[];
  concat: ConcatReference | null;
  ports: ApplicationPorts | null;
}

/** TS 23.040 §9.2.3.24 information element identifiers we act on. */
export const IEI_CONCAT_8BIT = 0x00;
export const IEI_PORTS_8BIT = 0x04;
export const IEI_PORTS_16BIT = 0x05;
export const IEI_CONCAT_16BIT = 0x08;

/** Parses the IEs of a UDH; `body` excludes the UDHL octet. */
export function parseUdh(body: Uint8Array): UserDataHeader {
  const elements: UdhInformationElement[] = [];
  let offset = 0;
  while (offset < body.length) {
    if (offset + 2 > body.length) {
      throw new PduDecodeError(`UDH: information element header cut at offset ${offset}`);
    }
    const iei = body[offset];
    const length = body[offset + 1];
    const end = offset + 2 + length;
    if (end > body.length) {
      throw new PduDecodeError(`UDH: IE 0x${iei.toString(16)} overruns the header (${length} octets)`);
    }
    elements.push({ iei, data: body.subarray(offset + 2, end) });
    offset = end;
  }
  // Spec: a duplicated non-repeatable IE counts by its last occurrence.
  let concat: ConcatReference | null = null;
  let ports: ApplicationPorts | null = null;
  for (const element of elements) {
    concat = readConcat(element) ?? concat;
    ports = readPorts(element) ?? ports;
  }
  return { elements, concat, ports };
}

function readConcat({ iei, data }: UdhInformationElement): ConcatReference | null {
  let parsed: ConcatReference | null = null;
  if (iei === IEI_CONCAT_8BIT && data.length === 3) {
    parsed = { reference: data[0], referenceWidth: 8, total: data[1], sequence: data[2] };
  } else if (iei === IEI_CONCAT_16BIT && data.length === 4) {
    parsed = { reference: (data[0] << 8) | data[1], referenceWidth: 16, total: data[2], sequence: data[3] };
  }
  // Spec: total 0, sequence 0 or sequence > total means "ignore the whole IE".
  if (parsed && (parsed.total === 0 || parsed.sequence === 0 || parsed.sequence > parsed.total)) {
    return null;
  }
  return parsed;
}

function readPorts({ iei, data }: UdhInformationElement): ApplicationPorts | null {
  if (iei === IEI_PORTS_8BIT && data.length === 2) {
    return { destination: data[0], source: data[1] };
  }
  if (iei === IEI_PORTS_16BIT && data.length === 4) {
    return { destination: (data[0] << 8) | data[1], source: (data[2] << 8) | data[3] };
  }
  return null;
}
