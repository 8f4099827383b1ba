import { parse } from 'node-pdu';

import { loadPduFixture, loadPduFixtures } from 'test/fixtures/pdu/pdu-fixtures';

import { decodePdu } from './pdu-decoder';

/**
 * Why the decoder is hand-written (STYLE.md D2) rather than a node-pdu wrapper: each test pins one
 * node-pdu 2.1.1 defect next to our answer. If node-pdu is upgraded and a defect is fixed, the
 * corresponding test fails; that is the moment to reconsider reuse.
 */
function nodePduText(hex: string): string {
  const pdu = parse(hex);
  if (!('data' in pdu)) {
    throw new Error('not a DELIVER');
  }
  return pdu.data.getText();
}

describe('node-pdu 2.1.1 deviations', () => {
  it('should decode GSM 0x5F as § where node-pdu returns a backtick (V11)', () => {
    const hex = loadPduFixture('V11').hex;
    expect(nodePduText(hex)).toContain('`¿');
    expect(decodePdu(hex).text).toContain('§¿');
  });

  it('should decode DCS 0xFB as 7-bit where node-pdu returns CJK garbage and reports DCS 0xF3 (V07)', () => {
    const fixture = loadPduFixture('V07');
    const pdu = parse(fixture.hex);
    expect('data' in pdu && pdu.data.getText()).not.toBe(fixture.expected.text);
    expect(pdu.dataCodingScheme.getValue()).toBe(0xf3);
    expect(decodePdu(fixture.hex)).toMatchObject({ dcs: 0xfb, text: fixture.expected.text });
  });

  it('should give +05:30 as 330 minutes where node-pdu prints "+5.5:00" (V01)', () => {
    const hex = loadPduFixture('V01').hex;
    const pdu = parse(hex);
    expect('serviceCenterTimeStamp' in pdu && pdu.serviceCenterTimeStamp.getIsoString()).toBe(
      '2007-05-03T07:04:40+5.5:00',
    );
    expect(decodePdu(hex).timezoneOffsetMinutes).toBe(330);
  });

  it('should decode DCS 0x84 as CP949 where node-pdu returns Latin-1 bytes (K01)', () => {
    const fixture = loadPduFixture('K01');
    expect(nodePduText(fixture.hex)).toContain('È«±æµ¿'); // 홍길동 read as Latin-1
    expect(decodePdu(fixture.hex).text).toBe(fixture.expected.text);
  });

  it('should agree with node-pdu on sender and text for every other real vector', () => {
    const deviating = new Set(['V05', 'V07', 'V11']); // V05: node-pdu renders the binary as text
    for (const fixture of loadPduFixtures('V').filter((f) => !deviating.has(f.id))) {
      const ours = decodePdu(fixture.hex);
      const theirs = parse(fixture.hex);
      expect({ id: fixture.id, sender: ours.senderRaw.replace('+', ''), text: ours.text }).toEqual({
        id: fixture.id,
        sender: theirs.address.phone,
        text: nodePduText(fixture.hex),
      });
    }
  });
});
