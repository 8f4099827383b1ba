import { ValidationError } from 'src/common/app-error';
import { decodeCursor, encodeCursor, FEED_START } from 'src/deposits/deposit-cursor';

describe('feed cursor', () => {
  it('should round-trip a position through an opaque url-safe string', () => {
    const position = { xid: '9223372036854775806', id: '1234567' };
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it('should take 0 as the position before the first deposit', () => {
    expect(decodeCursor('0')).toEqual(FEED_START);
  });

  it('should refuse anything it did not issue, naming since', () => {
    for (const bad of [
      'abc',
      '',
      Buffer.from('1.2.3').toString('base64url'),
      Buffer.from('-1.2').toString('base64url'),
    ]) {
      expect(() => decodeCursor(bad)).toThrow(ValidationError);
    }
    expect(() => decodeCursor('zz')).toThrow(/since/);
  });
});
