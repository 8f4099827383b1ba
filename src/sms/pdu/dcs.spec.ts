import { interpretDcs, userDataOctets } from './dcs';

describe('interpretDcs', () => {
  it.each([
    [0x00, 'gsm7', false],
    [0x04, '8bit', false],
    [0x06, '8bit', false],
    [0x08, 'ucs2', false],
    [0x0c, 'gsm7', false], // reserved alphabet -> default
    [0x24, '8bit', true],
    [0x48, 'ucs2', false], // automatic deletion group
    [0x84, 'ksc5601', false],
    [0x88, 'gsm7', false], // other reserved groups -> default alphabet
    [0xc8, 'gsm7', false], // V19: MWI discard is 7-bit whatever bits 3..2 say
    [0xd0, 'gsm7', false],
    [0xe0, 'ucs2', false],
    [0xf1, 'gsm7', false], // V13
    [0xf4, '8bit', false],
    [0xf8, 'gsm7', false], // node-pdu 2.1.1 reads 0xF8–0xFB as UCS2
    [0xfb, 'gsm7', false], // V07
    [0xfc, '8bit', false],
  ])('should read DCS 0x%s', (dcs, encoding, compressed) => {
    expect(interpretDcs(dcs)).toEqual({ encoding, compressed });
  });

  it('should count 7-bit TP-UDL in septets and the others in octets', () => {
    expect([userDataOctets(interpretDcs(0x00), 160), userDataOctets(interpretDcs(0x08), 140)]).toEqual([
      140, 140,
    ]);
  });
});
