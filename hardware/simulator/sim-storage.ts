/** SMS storage of a simulated SIM ("SM"): fixed number of slots, first free index, 27.005 status values. */

export enum SmsStatus {
  RecUnread = 0,
  RecRead = 1,
  StoUnsent = 2,
  StoSent = 3,
}

export interface StoredSms {
  index: number;
  pdu: string;
  /** TPDU length in octets (the <length> field of +CMGR/+CMGL). */
  tpduLength: number;
  status: SmsStatus;
  storedAt: Date;
}

export class SimStorage {
  private readonly slots = new Map<number, StoredSms>();

  constructor(
    /** number of slots */
    readonly total: number,
    /** first index (1 on most modems; Quectel SM storage counts from 0) */
    readonly firstIndex = 1,
  ) {
    if (!Number.isInteger(total) || total < 1 || total > 1000) {
      throw new RangeError('storage slots must be an integer between 1 and 1000');
    }
  }

  get used(): number {
    return this.slots.size;
  }

  get lastIndex(): number {
    return this.firstIndex + this.total - 1;
  }

  isFull(): boolean {
    return this.slots.size >= this.total;
  }

  inRange(index: number): boolean {
    return Number.isInteger(index) && index >= this.firstIndex && index <= this.lastIndex;
  }

  /** Stores a PDU at the first free index; returns the index, or null when full. */
  store(pdu: string, tpduLength: number, status = SmsStatus.RecUnread): number | null {
    for (let index = this.firstIndex; index <= this.lastIndex; index++) {
      if (!this.slots.has(index)) {
        this.slots.set(index, { index, pdu, tpduLength, status, storedAt: new Date() });
        return index;
      }
    }
    return null;
  }

  get(index: number): StoredSms | undefined {
    return this.slots.get(index);
  }

  delete(index: number): boolean {
    return this.slots.delete(index);
  }

  /** All messages, ordered by index. */
  list(): StoredSms[] {
    return [...this.slots.values()].sort((a, b) => a.index - b.index);
  }

  clear(): void {
    this.slots.clear();
  }
}
