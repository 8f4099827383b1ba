import { decodeUcs2 } from './ucs2';

const bytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));

describe('decodeUcs2', () => {
  it('should decode Hangul', () => {
    expect(decodeUcs2(bytes('C785AE08'))).toBe('입금');
  });

  it('should join a surrogate pair into one code point (V18)', () => {
    expect(decodeUcs2(bytes('D83DDE03'))).toBe('\u{1F603}');
  });

  it('should replace a lone high surrogate at the end with U+FFFD', () => {
    expect(decodeUcs2(bytes('0041D83D'))).toBe('A\uFFFD');
  });

  it('should replace a lone low surrogate with U+FFFD', () => {
    expect(decodeUcs2(bytes('DE030041'))).toBe('\uFFFDA');
  });

  it('should mark an odd trailing octet with U+FFFD', () => {
    expect(decodeUcs2(bytes('004100'))).toBe('A\uFFFD');
  });
});
