import { BANKS, banksForSender, findBank, isOfficialSender, smsBankGroup } from 'src/banks/bank-registry';

describe('bank registry', () => {
  it('should hold the 23 banks of the issue list with unique 3-digit codes', () => {
    const codes = BANKS.map((b) => b.code).sort();
    expect(codes).toEqual([
      '002',
      '003',
      '004',
      '007',
      '011',
      '012',
      '020',
      '023',
      '027',
      '031',
      '032',
      '034',
      '035',
      '037',
      '039',
      '045',
      '048',
      '071',
      '081',
      '088',
      '089',
      '090',
      '092',
    ]);
  });

  it('should give every bank a name, short name, signup guide and digit-only senders', () => {
    for (const bank of BANKS) {
      expect(bank.name).not.toBe('');
      expect(bank.shortName).not.toBe('');
      expect(bank.smsSignupGuide).toMatch(/[가-힣]/);
      expect(bank.senders.length).toBeGreaterThan(0);
      for (const s of bank.senders) expect(s).toMatch(/^\d{8,11}$/);
    }
  });

  it('should list the observed sender first', () => {
    expect(findBank('004')?.senders[0]).toBe('16449999');
    expect(findBank('088')?.senders[0]).toBe('15778000');
    expect(findBank('020')?.senders[0]).toBe('15885000');
    expect(findBank('081')?.senders[0]).toBe('15991111');
    expect(findBank('003')?.senders[0]).toBe('15662566');
    expect(findBank('011')?.senders[0]).toBe('15882100');
    expect(findBank('007')?.senders[0]).toBe('15881515');
    expect(findBank('048')?.senders[0]).toBe('15666000');
    expect(findBank('090')?.senders[0]).toBe('15993333');
  });

  it('should find a bank by code and return undefined for an unknown code', () => {
    expect(findBank('004')?.name).toBe('국민은행');
    expect(findBank('999')).toBeUndefined();
    expect(findBank('')).toBeUndefined();
  });

  it('should map a sender to its banks in every written form', () => {
    for (const form of ['16449999', '1644-9999', '+8216449999', '8216449999', '+82 1644 9999']) {
      expect(banksForSender(form).map((b) => b.code)).toEqual(['004']);
    }
  });

  it('should return both 농협 codes for 1588-2100', () => {
    expect(banksForSender('15882100').map((b) => b.code)).toEqual(['011', '012']);
    expect(smsBankGroup('012')).toEqual(['011', '012']);
    expect(smsBankGroup('004')).toEqual(['004']);
  });

  it('should return no bank for a mobile, alphanumeric or empty sender', () => {
    expect(banksForSender('01012345678')).toEqual([]);
    expect(banksForSender('KBSTAR')).toEqual([]);
    expect(banksForSender('')).toEqual([]);
  });

  it('should not let callers mutate the registry', () => {
    const list = banksForSender('16449999');
    list.pop();
    expect(banksForSender('16449999')).toHaveLength(1);
    expect(() => (BANKS as unknown as unknown[]).push({})).toThrow();
  });

  it('should tell official senders apart', () => {
    expect(isOfficialSender('004', '16449999')).toBe(true);
    expect(isOfficialSender('004', '15778000')).toBe(false);
  });

  it('should mark only banks with a seen SMS as known to reach a modem', () => {
    expect(findBank('092')?.smsKnownToReachModem).toBe(false);
    expect(findBank('023')?.smsKnownToReachModem).toBe(false);
    expect(findBank('004')?.smsKnownToReachModem).toBe(true);
  });
});
