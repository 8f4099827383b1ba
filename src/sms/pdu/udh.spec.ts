import { parseUdh } from './udh';
import { PduDecodeError } from './pdu-decode.error';

const udh = (hex: string) => parseUdh(Uint8Array.from(Buffer.from(hex, 'hex')));

describe('parseUdh', () => {
  it('should read an 8-bit concatenation reference', () => {
    expect(udh('0003560201').concat).toEqual({ reference: 0x56, referenceWidth: 8, total: 2, sequence: 1 });
  });

  it('should read a 16-bit concatenation reference (V14)', () => {
    expect(udh('080400100201').concat).toEqual({
      reference: 0x10,
      referenceWidth: 16,
      total: 2,
      sequence: 1,
    });
  });

  it('should read 16-bit application ports (V05 WAP push)', () => {
    expect(udh('05040B8423F0').ports).toEqual({ destination: 2948, source: 9200 });
  });

  it.each([
    ['total 0', '0003560001'],
    ['sequence 0', '0003560200'],
    ['sequence beyond total', '0003560203'],
  ])('should ignore a concatenation IE with %s', (_case, hex) => {
    expect(udh(hex).concat).toBeNull();
  });

  it('should use the last of two concatenation IEs', () => {
    expect(udh('00030102010003070302').concat?.reference).toBe(7);
  });

  it('should reject an IE that overruns the header', () => {
    expect(() => udh('000556')).toThrow(PduDecodeError);
  });
});
