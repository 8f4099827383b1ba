import { BANKS } from 'src/banks/bank-registry';
import { ACCOUNT_NUMBER_LENGTHS, accountNumberProblem } from 'src/accounts/account-number-lengths';

describe('accountNumberProblem', () => {
  it('should have a length range for every bank in the registry', () => {
    for (const bank of BANKS) expect(ACCOUNT_NUMBER_LENGTHS[bank.code]).toBeDefined();
  });

  it('should accept the usual formats of the banks with one format', () => {
    expect(accountNumberProblem('090', '3333011234567')).toBeNull();
    expect(accountNumberProblem('089', '100100123456')).toBeNull();
    expect(accountNumberProblem('071', '12345612123456')).toBeNull();
    expect(accountNumberProblem('004', '12345678901789')).toBeNull();
    expect(accountNumberProblem('004', '123456789012')).toBeNull();
  });

  it('should refuse a length that bank does not use and say what it expects', () => {
    expect(accountNumberProblem('090', '333301123456')).toBe(
      '12 digits is not a 090 account number (expected 13 digits)',
    );
    expect(accountNumberProblem('071', '1234561212345')).toMatch(/expected 14 digits/);
    expect(accountNumberProblem('004', '123456789')).toMatch(/expected 10-14 digits/);
  });

  it('should refuse anything but digits', () => {
    expect(accountNumberProblem('004', '12345678901a89')).toMatch(/digits/);
    expect(accountNumberProblem('004', '')).toMatch(/digits/);
  });
});
