import { accountMatchesHint, visibleKey } from 'src/numbers/account-hint';

describe('accountMatchesHint', () => {
  it('should match KB masking 6 leading and 3 trailing digits', () => {
    expect(accountMatchesHint('12345678901789', '123456**789')).toBe(true);
    expect(accountMatchesHint('12345678901780', '123456**789')).toBe(false);
    expect(accountMatchesHint('99345678901789', '123456**789')).toBe(false);
  });

  it('should match a trailing-digits mask like 우리 *846950', () => {
    expect(accountMatchesHint('1002123846950', '*846950')).toBe(true);
    expect(accountMatchesHint('1002123846951', '*846950')).toBe(false);
  });

  it('should ignore hyphens in the hint and a leading-digits mask like 신한', () => {
    expect(accountMatchesHint('110257306123', '110-257-306***')).toBe(true);
    expect(accountMatchesHint('110257307123', '110-257-306***')).toBe(false);
  });

  it('should not match a hint with no visible digits', () => {
    expect(accountMatchesHint('110257306123', '****')).toBe(false);
  });
});

describe('visibleKey', () => {
  it('should give the same key to accounts a bank SMS cannot tell apart', () => {
    const kb = { leading: 6, trailing: 3 };
    expect(visibleKey('12345600000789', kb)).toBe(visibleKey('12345611111789', kb));
    expect(visibleKey('12345600000789', kb)).not.toBe(visibleKey('12345600000788', kb));
  });
});
