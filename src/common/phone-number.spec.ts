import { formatPhoneNumber, toNationalDigits } from 'src/common/phone-number';

describe('phone numbers', () => {
  it('should read the international form CNUM gives', () => {
    expect(toNationalDigits('+821012345678')).toBe('01012345678');
    expect(toNationalDigits('821098765432')).toBe('01098765432');
  });

  it('should accept national forms with separators', () => {
    expect(toNationalDigits('010-1234-5678')).toBe('01012345678');
    expect(toNationalDigits('010 1234 5678')).toBe('01012345678');
  });

  it('should refuse what is not a phone number', () => {
    expect(toNationalDigits('')).toBeNull();
    expect(toNationalDigits('12345')).toBeNull();
    expect(toNationalDigits('abc')).toBeNull();
  });

  it('should format mobile numbers as 010-XXXX-XXXX', () => {
    expect(formatPhoneNumber('01012345678')).toBe('010-1234-5678');
    expect(formatPhoneNumber('0111234567')).toBe('011-123-4567');
    expect(formatPhoneNumber(null)).toBeNull();
  });
});
