import { ValidationError } from 'src/common/app-error';
import { decodePdu, DecodedPdu } from 'src/sms/pdu/pdu-decoder';
import { buildDeliverPdu, encodeUcs2 } from 'test/fixtures/pdu/deliver-pdu.builder';
import { LONG_CP949_TEXT, SHINHAN_LONG_TEXT } from 'test/fixtures/pdu/korean-fixtures';
import { loadPduFixture } from 'test/fixtures/pdu/pdu-fixtures';

import { assembleParts, multipartKey } from './multipart-assembler';

const SIM = '8982300000000000001';
const part = (id: string): DecodedPdu => decodePdu(loadPduFixture(id).hex);
const V15_V16_TEXT =
  'This is a very long test designed to exercise multi part capability. It should show up as one message, ' +
  'not as two, as the underlying encoding represents that the parts are related to one another. ';

function ucs2Part(udhHex: string, text: string): DecodedPdu {
  return decodePdu(
    buildDeliverPdu({
      smsc: null,
      sender: '15778000',
      dcs: 0x08,
      localTime: '2025-07-04T16:02:01',
      tzMinutes: 540,
      udhHex,
      body: { octets: encodeUcs2(text) },
    }),
  );
}

describe('multipartKey', () => {
  it('should give both parts of V15/V16 one key although their SMSC and timestamp differ', () => {
    const [first, second] = [part('V15'), part('V16')];
    expect(first.smsc).not.toBe(second.smsc);
    expect(multipartKey(SIM, first)).toBe(multipartKey(SIM, second));
  });

  it('should separate the same reference on another SIM, from another sender or with another width', () => {
    const v15 = part('V15');
    const keys = [
      multipartKey(SIM, v15),
      multipartKey('other-sim', v15),
      multipartKey(SIM, { ...v15, sender: '16175046926' }),
      multipartKey(SIM, { ...v15, concat: { ...v15.concat!, referenceWidth: 16 } }),
      multipartKey(SIM, { ...v15, concat: { ...v15.concat!, total: 3 } }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('should be null for a message without a concatenation header', () => {
    expect(multipartKey(SIM, part('V20'))).toBeNull();
  });

  it('should fit the sms_parts.multipart_key column (200 characters)', () => {
    expect(multipartKey(SIM, part('V08'))!.length).toBeLessThanOrEqual(200);
  });
});

describe('assembleParts', () => {
  it('should join V15 and V16 into the message ModemManager expects', () => {
    expect(assembleParts([part('V15'), part('V16')])).toEqual({
      complete: true,
      text: V15_V16_TEXT,
      missing: [],
    });
  });

  it('should accept parts in any order and ignore a repeated part', () => {
    expect(assembleParts([part('V16'), part('V15'), part('V16')])).toEqual({
      complete: true,
      text: V15_V16_TEXT,
      missing: [],
    });
  });

  it('should report the missing part of a lone first part (V04)', () => {
    const v04 = part('V04');
    expect(assembleParts([v04])).toEqual({ complete: false, text: v04.text, missing: [2] });
  });

  it('should report a missing second part of the Megafon message with its 16-bit and 8-bit peers apart (V08)', () => {
    expect(assembleParts([part('V08')]).missing).toEqual([2]);
  });

  it('should treat a total=1 concatenated message as complete at once (V09)', () => {
    const v09 = part('V09');
    expect(assembleParts([v09])).toEqual({ complete: true, text: v09.text, missing: [] });
  });

  it('should treat a plain message as a complete one-part message', () => {
    expect(assembleParts([part('V20')])).toEqual({ complete: true, text: 'BEIIJA 44', missing: [] });
  });

  it('should return nothing for no parts', () => {
    expect(assembleParts([])).toEqual({ complete: false, text: '', missing: [] });
  });

  it('should reassemble the Korean UCS2 two-part deposit (K03a, K03b)', () => {
    expect(assembleParts([part('K03b'), part('K03a')]).text).toBe(SHINHAN_LONG_TEXT);
  });

  it('should decode a CP949 character cut between two 8-bit parts after joining the octets (K05a, K05b)', () => {
    const [first, second] = [part('K05a'), part('K05b')];
    // The cut really is inside a character: part texts on their own cannot give the message.
    expect(first.text + second.text).not.toBe(LONG_CP949_TEXT);
    expect(assembleParts([first, second])).toEqual({ complete: true, text: LONG_CP949_TEXT, missing: [] });
  });

  it('should join a surrogate pair cut between two UCS2 parts', () => {
    const emoji = encodeUcs2('😀');
    const first = ucs2Part('050003070201', '입금' + '\uD83D');
    const second = ucs2Part('050003070202', '\uDE00 완료');
    expect(emoji.length).toBe(4);
    expect(first.text).toBe('입금\uFFFD');
    expect(assembleParts([first, second]).text).toBe('입금😀 완료');
  });

  it('should not glue octets across a missing middle part', () => {
    const parts = [ucs2Part('050003080301', 'A\uD83D'), ucs2Part('050003080303', '\uDE00B')];
    expect(assembleParts(parts)).toEqual({ complete: false, text: 'A\uFFFD\uFFFDB', missing: [2] });
  });

  it('should give no text for a port-addressed (WAP push) message (V05)', () => {
    expect(assembleParts([part('V05')]).text).toBe('');
  });

  it('should refuse parts of different messages', () => {
    expect(() => assembleParts([part('V15'), part('V04')])).toThrow(ValidationError);
  });
});
