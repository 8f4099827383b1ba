import { PduDecodeError } from './pdu-decode.error';

/** Bounds-checked cursor: every over-read becomes a PduDecodeError naming the field. */
export class OctetReader {
  private offset = 0;

  constructor(private readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  byte(field: string): number {
    return this.take(1, field)[0];
  }

  take(count: number, field: string): Uint8Array {
    if (count > this.remaining) {
      throw new PduDecodeError(
        `truncated PDU: ${field} needs ${count} octet(s) at offset ${this.offset}, ${this.remaining} left`,
      );
    }
    const slice = this.bytes.subarray(this.offset, this.offset + count);
    this.offset += count;
    return slice;
  }

  rest(): Uint8Array {
    return this.take(this.remaining, 'rest');
  }
}

export function hexToBytes(hex: string): Uint8Array {
  if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9A-Fa-f]+$/.test(hex)) {
    throw new PduDecodeError(`not an even-length hex string (${hex.length} chars)`);
  }
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}
