import { ErrorCode } from 'src/common/app-error';
import { buildDeliverPdu, encodeUcs2 } from 'test/fixtures/pdu/deliver-pdu.builder';
import { buildKoreanFixture, KOREAN_FIXTURE_RECIPES } from 'test/fixtures/pdu/korean-fixtures';
import { loadPduFixture, loadPduFixtures, PduFixture } from 'test/fixtures/pdu/pdu-fixtures';

import { decodePdu, DecodedPdu, PduDecodeError } from './pdu-decoder';

/** '2007-05-03T07:04:40+05:30' is exactly the instant a correct decoder must produce. */
function expectMatchesFixture(decoded: DecodedPdu, { expected }: PduFixture): void {
  expect(decoded.kind).toBe(expected.kind);
  expect(decoded.senderRaw).toBe(expected.senderRaw);
  expect(decoded.senderType).toBe(expected.senderType);
  expect(decoded.smscTimestamp.toISOString()).toBe(new Date(expected.smscTimestamp).toISOString());
  expect(decoded.timezoneOffsetMinutes).toBe(expected.tz);
  expect(decoded.dcs).toBe(expected.dcs);
  expect(decoded.udhHex).toBe(expected.udhHex);
  expect(decoded.concat).toEqual(expected.concat);
  const optional = { sender: expected.sender, smsc: expected.smsc, encoding: expected.encoding };
  for (const [field, value] of Object.entries(optional)) {
    if (value !== undefined) {
      expect({ field, value: decoded[field as keyof typeof optional] }).toEqual({ field, value });
    }
  }
  if (expected.isText !== undefined) {
    expect(decoded.isText).toBe(expected.isText);
  }
  if (expected.text !== undefined) {
    expect(decoded.text).toBe(expected.text);
  }
  if (expected.userDataContains !== undefined) {
    expect(decoded.userDataHex).toContain(
      Buffer.from(expected.userDataContains, 'ascii').toString('hex').toUpperCase(),
    );
  }
}

function decodeError(hex: string): PduDecodeError {
  try {
    decodePdu(hex);
  } catch (err) {
    return err as PduDecodeError;
  }
  throw new Error(`expected ${hex} to be rejected`);
}

describe('decodePdu', () => {
  describe('real-world vectors (PDU-VECTORS.md)', () => {
    const vectors = loadPduFixtures('V');

    it('should have all twenty vectors as fixtures', () => {
      expect(vectors.map((fixture) => fixture.id)).toEqual(
        Array.from({ length: 20 }, (_, i) => `V${String(i + 1).padStart(2, '0')}`),
      );
    });

    it.each(vectors.map((fixture) => [fixture.id, fixture] as const))(
      'should decode %s as the vector states',
      (_id, fixture) => {
        expectMatchesFixture(decodePdu(fixture.hex), fixture);
      },
    );

    it('should decode the PDU line with its stray trailing quote (V02)', () => {
      const fixture = loadPduFixture('V02');
      expect(fixture.pduLine).toMatch(/"$/);
      expectMatchesFixture(decodePdu(fixture.pduLine ?? ''), fixture);
    });

    it('should follow TP-UDL and ignore the octets a modem prints after the user data (V06)', () => {
      const fixture = loadPduFixture('V06');
      expect(decodePdu(`${fixture.hex}\r\n`).text).toBe(fixture.expected.text);
    });

    it('should classify the WAP push as binary and keep its raw user data (V05)', () => {
      const decoded = decodePdu(loadPduFixture('V05').hex);
      expect(decoded.isText).toBe(false);
      expect(decoded.text).toBe('');
      expect(decoded.userDataHex.startsWith('040603BEAF')).toBe(true);
    });

    it('should decode the UCS2 surrogate pairs to emoji (V18)', () => {
      expect([...decodePdu(loadPduFixture('V18').hex).text].map((c) => c.codePointAt(0))).toEqual([
        0x1f603, 0x1f60e, 0x20,
      ]);
    });
  });

  describe('Korean fixtures (built here, no public KSC5601 PDU exists)', () => {
    const korean = loadPduFixtures('K');

    it('should keep the JSON fixtures in step with their recipes', () => {
      expect(korean).toEqual(KOREAN_FIXTURE_RECIPES.map(buildKoreanFixture));
    });

    it.each(korean.map((fixture) => [fixture.id, fixture] as const))('should decode %s', (_id, fixture) => {
      expectMatchesFixture(decodePdu(fixture.hex), fixture);
    });

    it('should decode DCS 0x84 as CP949 text', () => {
      const decoded = decodePdu(loadPduFixture('K01').hex);
      expect(decoded.encoding).toBe('ksc5601');
      expect(decoded.text).toContain('홍길동\n입금\n600,000');
    });

    it('should normalise the +82 international sender to the service number', () => {
      const decoded = decodePdu(loadPduFixture('K02').hex);
      expect([decoded.senderRaw, decoded.sender]).toEqual(['+8216449999', '16449999']);
    });

    it('should treat 8-bit data that is not CP949 text as binary', () => {
      const hex = buildDeliverPdu({
        smsc: null,
        sender: '16449999',
        dcs: 0x04,
        localTime: '2025-07-04T15:24:07',
        tzMinutes: 540,
        body: { octets: Uint8Array.from([0x00, 0x01, 0xff, 0x80, 0x02]) },
      });
      expect(decodePdu(hex)).toMatchObject({
        encoding: '8bit',
        isText: false,
        text: '',
        userDataHex: '0001FF8002',
      });
    });
  });

  describe('message kinds', () => {
    it('should decode a status report with the recipient as sender and its status in the user data', () => {
      // SMSC none, MTI 10, MR 0x2A, RA +821012345678, SCTS, DT (both 2025-07-04 15:24:07 +09:00), ST 00.
      const scts = '52704051427063';
      const hex = `0006 2A 0C91 280121436587 ${scts} ${scts} 00`.replace(/ /g, '');
      const decoded = decodePdu(hex);
      expect(decoded).toMatchObject({
        kind: 'status-report',
        senderRaw: '+821012345678',
        sender: '01012345678',
        isText: false,
        text: '',
        userDataHex: `${scts}00`,
      });
      expect(decoded.smscTimestamp.toISOString()).toBe('2025-07-04T06:24:07.000Z');
    });

    it('should decode a stored SUBMIT as kind other with its destination and no timestamp', () => {
      // SMSC none, SUBMIT with relative VP, MR 00, DA +821012345678, PID 0, DCS 08, VP AA, "입금".
      const hex = `00 11 00 0C91 280121436587 00 08 AA 04 C785AE08`.replace(/ /g, '');
      expect(decodePdu(hex)).toMatchObject({
        kind: 'other',
        senderRaw: '+821012345678',
        text: '입금',
        smscTimestamp: new Date(0),
      });
    });
  });

  describe('malformed input', () => {
    const v03 = loadPduFixture('V03').hex;

    it.each([
      ['empty', ''],
      ['odd length', v03.slice(0, -1)],
      ['non-hex characters', v03.replace('C', 'G')],
      ['truncated user data', v03.slice(0, -2)],
      ['truncated header', v03.slice(0, 30)],
      ['reserved message type', '0003'],
      ['month 13', v03.replace('60906081641380', '60316081641380')],
      ['31 February', v03.replace('60906081641380', '60201381641380')],
      ['non-BCD timestamp', v03.replace('60906081641380', '6A906081641380')],
      ['UDH longer than the user data', '000400038100000052704051427063' + '02' + '0500'],
      ['user data over 140 octets', '00040003810000085270405142706390' + '00'.repeat(144)],
    ])('should reject %s with PduDecodeError', (_case, hex) => {
      const err = decodeError(hex);
      expect(err).toBeInstanceOf(PduDecodeError);
      expect(err.code).toBe(ErrorCode.PduDecodeFailed);
      expect(err.context).toEqual({ pduHead: hex.slice(0, 40) });
    });

    it('should wrap a non-string argument in PduDecodeError', () => {
      expect(() => decodePdu(undefined as unknown as string)).toThrow(PduDecodeError);
    });
  });

  describe('user data edge cases', () => {
    it('should keep a surrogate pair that is whole within one UCS2 part', () => {
      const hex = buildDeliverPdu({
        smsc: null,
        sender: '16449999',
        dcs: 0x08,
        localTime: '2025-07-04T15:24:07',
        tzMinutes: 540,
        body: { octets: encodeUcs2('입금 😀') },
      });
      expect(decodePdu(hex).text).toBe('입금 😀');
    });

    it('should skip the UDH fill bits of a 7-bit message with a 16-bit concat header', () => {
      const hex = buildDeliverPdu({
        smsc: null,
        sender: '1002',
        dcs: 0x00,
        localTime: '2011-06-29T23:32:19',
        tzMinutes: 120,
        udhHex: '06080400100201',
        body: { gsm7: '[€] {x}' },
      });
      expect(decodePdu(hex).text).toBe('[€] {x}');
    });
  });
});
