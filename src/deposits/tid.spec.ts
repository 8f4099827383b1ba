import { formatTid } from 'src/deposits/tid';

describe('formatTid', () => {
  it('should use the KST minute even when UTC is on the previous day', () => {
    // 2014-12-18 18:22 KST = 09:22 UTC; 2026-01-01 00:05 KST = 2025-12-31 15:05 UTC.
    expect(formatTid(new Date('2014-12-18T09:22:00Z'), 88692)).toBe('141218182288692');
    expect(formatTid(new Date('2025-12-31T15:05:00Z'), 7)).toBe('260101000500007');
  });

  it('should always be 15 digits', () => {
    expect(formatTid(new Date(), 123456)).toMatch(/^\d{15}$/);
  });
});
