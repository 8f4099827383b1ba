import { OctetReader } from './octet-reader';
import { PduDecodeError } from './pdu-decode.error';
import { readScts } from './scts';

const scts = (hex: string) => readScts(new OctetReader(Uint8Array.from(Buffer.from(hex, 'hex'))), 'TP-SCTS');

describe('readScts', () => {
  it('should decode +05:30 as 330 minutes and the UTC instant (node-pdu prints "+5.5:00")', () => {
    const time = scts('70503070400422');
    expect(time.offsetMinutes).toBe(330);
    expect(time.instant.toISOString()).toBe('2007-05-03T01:34:40.000Z');
  });

  it('should decode a negative zone (V11, -05:00)', () => {
    const time = scts('1120821105050A');
    expect(time.offsetMinutes).toBe(-300);
    expect(time.instant.toISOString()).toBe('2011-02-28T16:50:50.000Z');
  });

  it('should decode KST +09:00', () => {
    expect(scts('52704051427063').offsetMinutes).toBe(540);
  });

  it('should read a "-00:00" zone as 0, not -0', () => {
    expect(Object.is(scts('52704051427008').offsetMinutes, 0)).toBe(true);
  });

  it('should reject a date that does not exist', () => {
    expect(() => scts('52201351427063')).toThrow(PduDecodeError);
  });
});
