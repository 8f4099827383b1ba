import { encodeGsm7Septets } from 'test/fixtures/pdu/deliver-pdu.builder';

import { decodeGsm7, septetsToText, udhSeptets, unpackSeptets } from './gsm7';

function pack(septets: number[]): Uint8Array {
  const octets = new Uint8Array(Math.ceil((septets.length * 7) / 8));
  septets.forEach((septet, i) => {
    const bit = i * 7;
    octets[bit >> 3] |= (septet << (bit & 7)) & 0xff;
    if ((bit & 7) > 1) {
      octets[(bit >> 3) + 1] |= septet >> (8 - (bit & 7));
    }
  });
  return octets;
}

describe('gsm7', () => {
  it('should unpack "Ok sir" from V01', () => {
    expect(decodeGsm7(Buffer.from('CF35689E9603', 'hex'), 6)).toBe('Ok sir');
  });

  it('should decode 0x5F as § and 0x60 as ¿ (node-pdu 2.1.1 returns a backtick for 0x5F)', () => {
    expect(septetsToText([0x5f, 0x60])).toBe('§¿');
  });

  it.each([
    ['€', 0x65],
    ['[', 0x3c],
    [']', 0x3e],
    ['{', 0x28],
    ['}', 0x29],
    ['~', 0x3d],
    ['\\', 0x2f],
    ['^', 0x14],
    ['|', 0x40],
    ['\f', 0x0a],
  ])('should decode the extension character %j', (char, code) => {
    expect(septetsToText([0x1b, code])).toBe(char);
  });

  it('should show an unknown extension code as its default-table character', () => {
    expect(septetsToText([0x1b, 0x41])).toBe('A');
  });

  it('should drop an escape with nothing after it', () => {
    expect(septetsToText([0x41, 0x1b])).toBe('A');
  });

  it('should round-trip every encodable character through pack and unpack', () => {
    const text = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./09:;<=>?¡AZÄÖÑÜ§¿azäöñüà€[]{}~\\^|';
    const septets = encodeGsm7Septets(text);
    expect(septetsToText(unpackSeptets(pack(septets), septets.length))).toBe(text);
  });

  it('should count UDH fill bits: a 6-octet header takes 7 septets, a 7-octet header 8', () => {
    expect([udhSeptets(6), udhSeptets(7)]).toEqual([7, 8]);
  });
});
