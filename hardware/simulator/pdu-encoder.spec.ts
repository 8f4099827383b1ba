import * as iconv from 'iconv-lite';

import {
  encodeOriginatingAddress,
  encodeScts,
  encodeSmsDeliver,
  isGsm7Encodable,
  toGsm7Septets,
} from 'hardware/simulator/pdu-encoder';
import { decodeDeliver } from 'hardware/simulator/testing/decode-deliver';

const decode = decodeDeliver;

/** The DCS octet of an SMS-DELIVER PDU, read from the hex (node-pdu 2.1.1 does not report 0x84 faithfully). */
function dcsOf(pdu: string): number {
  let at = (parseInt(pdu.slice(0, 2), 16) + 1) * 2; // skip SMSC info
  at += 2; // first octet
  const oaDigits = parseInt(pdu.slice(at, at + 2), 16);
  at += 4 + Math.ceil(oaDigits / 2) * 2; // OA length, TOA, value
  at += 2; // PID
  return parseInt(pdu.slice(at, at + 2), 16);
}

const KST_NOON = new Date('2026-03-05T12:34:56+09:00');

describe('pdu-encoder', () => {
  describe('real vectors (realworld/PDU-VECTORS.md)', () => {
    it('should reproduce V12 (UCS2, alphanumeric sender "InternetSMS", +04:00) byte for byte', () => {
      const [part] = encodeSmsDeliver({
        sender: 'InternetSMS',
        text: 'тест',
        encoding: 'ucs2',
        smsc: '+79037011111',
        timestamp: new Date('2011-03-29T19:20:04+04:00'),
        tzQuarterHours: 16,
      });
      expect(part.pdu).toBe('07919730071111F10414D04937BD2C7797E9D3E614000811309291024061080442043504410442');
      expect(part.tpduLength).toBe(31);
    });

    it('should reproduce V08 part 1 (UCS2 concatenated, 8-bit ref 0x56, TP-MMS clear) byte for byte', () => {
      const parts = encodeSmsDeliver({
        sender: 'Megafon',
        text: 'SMS code: 4856, confirmation of association between account and Megafon.',
        encoding: 'ucs2',
        smsc: '+79262000331',
        timestamp: new Date('2014-05-27T14:01:48+04:00'),
        tzQuarterHours: 16,
        reference: 0x56,
        moreMessagesToSend: true,
      });
      expect(parts).toHaveLength(2);
      expect(parts[0].pdu).toBe(
        '07919762020033F1400DD0CDF2396C7EBB010008415072411084618C0500035602010053004D005300200063006F00640065003A00200034003800350036002C00200063006F006E006600690072006D006100740069006F006E0020006F00660020006100730073006F00630069006100740069006F006E0020006200650074007700650065006E0020006100630063006F0075006E007400200061006E00640020004D00650067',
      );
    });

    it('should reproduce V15 and V16 (GSM 7-bit concatenation with fill bit, -04:00) byte for byte', () => {
      const text =
        'This is a very long test designed to exercise multi part capability. It should show up as one message, ' +
        'not as two, as the underlying encoding represents that the parts are related to one another. ';
      const common = {
        sender: '+16175046925',
        text,
        encoding: 'gsm7' as const,
        tzQuarterHours: -16,
        reference: 0x4c,
      };
      const v15 = encodeSmsDeliver({
        ...common,
        smsc: '+12063130025',
        timestamp: new Date('2012-04-25T19:56:50-04:00'),
      });
      const v16 = encodeSmsDeliver({
        ...common,
        smsc: '+12063130026',
        timestamp: new Date('2012-04-25T19:56:51-04:00'),
      });
      // The real SMSC set the fill bit between UDH and text to 1 (23.040 says 0): A9 -> A8, E9 -> E8.
      expect(v15[0].pdu).toBe(
        '07912160130320F5440B916171056429F5000021405291650569A00500034C0201A8E8F41C949E83C2207B599E07B1DFEE33885E9ED341E4F23C7D7697C920FA1B54C697E5E3F4BC0C6AD7D9F434081E96D341E3303C2C4EB3D3F4BC0B94A483E6E8779D4D06CDD1EF3BA80E0785E7A0B7BB0C6A97E7F3F0B9CC02B9DF7450780EA2DFDF2C50780EA2A3CBA0BA9B5C96B3F369F71954768FDFE4B4FB0C9297E1F2F2BCECA6CF41',
      );
      expect(v16[1].pdu).toBe(
        '07912160130320F6440B916171056429F5000021405291651569320500034C0202E8E8301D44479741F0B09C3E0785E56590BCCC0ED3CB6410FD0D7ABBCBA0B0FB4D4797E52E10',
      );
    });
  });

  describe('round trips through node-pdu', () => {
    it('should encode Korean UCS2 from an international sender with a KST time stamp', () => {
      const text = '[Web발신] 국민 03/05 12:34 123456**789 홍길동 입금 50,000 잔액 1,234,567';
      const [part, ...rest] = encodeSmsDeliver({ sender: '+8215889999', text, timestamp: KST_NOON });
      expect(rest).toHaveLength(0);
      const d = decode(part.pdu);
      expect(d.sender).toBe('8215889999');
      expect(d.senderType).toBe('91');
      expect(dcsOf(part.pdu)).toBe(0x08);
      expect(d.text).toBe(text);
      expect(d.timeMs).toBe(KST_NOON.getTime());
      expect(d.tzOffMinutes).toBe(9 * 60);
      expect(part.tpduLength * 2).toBe(part.pdu.length - (parseInt(part.pdu.slice(0, 2), 16) + 1) * 2);
    });

    it('should encode a national sender with TOA 81 by default and A1 when asked', () => {
      expect(encodeOriginatingAddress('15889999')).toBe('0881' + '5188999999'.slice(0, 8));
      expect(encodeOriginatingAddress('15889999', 'national').slice(2, 4)).toBe('A1');
      const d = decode(encodeSmsDeliver({ sender: '0215881234', text: 'x' })[0].pdu);
      expect(d.sender).toBe('0215881234');
    });

    it('should encode DCS 0x84 with CP949 bytes that iconv decodes back', () => {
      const text = '신한 03/05 12:34 110-***-123456 입금 30,000원 김철수';
      const [part] = encodeSmsDeliver({ sender: '15778000', text, encoding: 'ksc5601', timestamp: KST_NOON });
      const d = decode(part.pdu);
      expect(dcsOf(part.pdu)).toBe(0x84);
      // node-pdu 2.1.1 treats 0x84 as 8-bit data: take the raw octets and decode them as CP949
      const raw = Buffer.from(d.rawUserData, 'hex');
      expect(iconv.decode(raw, 'cp949')).toBe(text);
      expect(raw.equals(iconv.encode(text, 'cp949'))).toBe(true);
    });

    it('should encode a GSM 7-bit text from an alphanumeric sender (TOA D0, packed name)', () => {
      const text = 'Your code is 123456 [KB] {ok} €5';
      const [part] = encodeSmsDeliver({ sender: 'KBStar', text, encoding: 'gsm7', timestamp: KST_NOON });
      const d = decode(part.pdu);
      expect(d.sender).toBe('KBStar');
      expect(part.pdu.slice(20, 22)).toBe('D0'); // after 07 91 <6 octets SMSC>, first octet 04, OA length 0B
      expect(dcsOf(part.pdu)).toBe(0x00);
      expect(d.text).toBe(text);
    });

    it('should split a long UCS2 text into 2 parts of 67 characters with one 8-bit reference', () => {
      const text = '가'.repeat(67) + '나'.repeat(30);
      const parts = encodeSmsDeliver({ sender: '+821012345678', text, reference: 0xab, timestamp: KST_NOON });
      expect(parts.map((p) => [p.part, p.parts])).toEqual([
        [1, 2],
        [2, 2],
      ]);
      const decoded = parts.map((p) => decode(p.pdu));
      decoded.forEach((d, i) => {
        expect(d.udhi).toBe(true);
        expect(d.concat).toEqual({ reference: 0xab, total: 2, seq: i + 1 });
      });
      expect(decoded.map((d) => d.text).join('')).toBe(text);
      expect(decoded[0].text).toBe('가'.repeat(67));
    });

    it('should keep 70 UCS2 characters in one PDU and need two for 71', () => {
      expect(encodeSmsDeliver({ sender: '+821012345678', text: 'a'.repeat(70) })).toHaveLength(1);
      expect(encodeSmsDeliver({ sender: '+821012345678', text: 'a'.repeat(71) })).toHaveLength(2);
    });

    it('should not split a surrogate pair or an escape pair unless asked to', () => {
      const emoji = 'a'.repeat(66) + '😀' + 'b'.repeat(10);
      const whole = encodeSmsDeliver({ sender: '+821012345678', text: emoji });
      expect(decode(whole[0].pdu).text).toBe('a'.repeat(66));
      expect(decode(whole[1].pdu).text).toBe('😀' + 'b'.repeat(10));
      const split = encodeSmsDeliver({ sender: '+821012345678', text: emoji, splitInsideCharacters: true });
      expect(split[0].pdu.endsWith('D83D')).toBe(true);

      const gsm = 'x'.repeat(152) + '€' + 'y'.repeat(10); // 165 septets: the ESC would be septet 153
      const parts = encodeSmsDeliver({ sender: '+821012345678', text: gsm, encoding: 'gsm7' });
      expect(decode(parts[0].pdu).text).toBe('x'.repeat(152));
      expect(decode(parts[1].pdu).text).toBe('€' + 'y'.repeat(10));
    });
  });

  describe('fields', () => {
    it('should write the KST zone as 63 and a negative zone with the sign bit', () => {
      expect(encodeScts(new Date('2026-01-02T03:04:05+09:00')).slice(-2)).toBe('63');
      expect(encodeScts(new Date('2026-01-02T03:04:05+09:00'))).toBe('62102030405063');
      expect(encodeScts(new Date('2012-04-25T19:56:50-04:00'), -16).slice(-2)).toBe('69');
    });

    it('should reject characters outside the GSM alphabet for gsm7', () => {
      expect(isGsm7Encodable('국민')).toBe(false);
      expect(() => toGsm7Septets('국민')).toThrow(RangeError);
      expect(() => encodeSmsDeliver({ sender: 'x'.repeat(12), text: 'a' })).toThrow(/11 characters/);
    });
  });
});
