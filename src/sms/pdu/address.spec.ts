import { normaliseSender, readAddress, readSmscAddress } from './address';
import { OctetReader } from './octet-reader';
import { PduDecodeError } from './pdu-decode.error';

const reader = (hex: string): OctetReader => new OctetReader(Uint8Array.from(Buffer.from(hex, 'hex')));

describe('normaliseSender', () => {
  it.each([
    ['+8216449999', '16449999'],
    ['8216449999', '16449999'],
    ['1644-9999', '16449999'],
    ['16449999', '16449999'],
    ['+8215778000', '15778000'],
    ['+821012345678', '01012345678'],
    ['821012345678', '01012345678'],
    ['+82212345678', '0212345678'],
    ['010-1234-5678', '01012345678'],
    ['+919884280026', '919884280026'],
    ['KB', 'KB'],
    ['InternetSMS', 'InternetSMS'],
    ['O2_', 'O2_'],
  ])('should normalise %s to %s', (raw, normalised) => {
    expect(normaliseSender(raw)).toBe(normalised);
  });
});

describe('readAddress', () => {
  it('should decode an alphanumeric sender from septets (V12)', () => {
    expect(readAddress(reader('14D04937BD2C7797E9D3E614'), 'TP-OA')).toEqual({
      raw: 'InternetSMS',
      type: 'alphanumeric',
      toa: 0xd0,
    });
  });

  it('should mark a TOA 0x91 number international with a plus', () => {
    expect(readAddress(reader('0C91198948820062'), 'TP-OA').raw).toBe('+919884280026');
  });

  it('should reject a filler inside the number', () => {
    expect(() => readAddress(reader('0481F1F2'), 'TP-OA')).toThrow(PduDecodeError);
  });

  it('should reject an address longer than 20 semi-octets', () => {
    expect(() => readAddress(reader(`1681${'11'.repeat(11)}`), 'TP-OA')).toThrow(PduDecodeError);
  });
});

describe('readSmscAddress', () => {
  it('should return null for a zero-length SMSC', () => {
    expect(readSmscAddress(reader('00'))).toBeNull();
  });

  it('should drop the F filler of an odd-length SMSC (V09)', () => {
    expect(readSmscAddress(reader('0591721891F1'))).toBe('+2781191');
  });
});
