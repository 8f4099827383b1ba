import { chooseSim, PlacedAccount, refuseSim, SimCandidate } from 'src/numbers/allocation-rules';
import { distinguishableInSms, sameSmsBanks } from 'src/numbers/sms-account-masks';

const sim = (simId: string, load = 0, capacity = 10): SimCandidate => ({ simId, load, capacity });
const placed = (
  simId: string,
  merchantId: string,
  bankCode: string,
  accountNumber: string,
): PlacedAccount => ({
  simId,
  merchantId,
  bankCode,
  accountNumber,
});

describe('refuseSim', () => {
  const kb = { merchantId: 'A', bankCode: '004', accountNumber: '11111100000789' };

  it("should refuse a SIM carrying another merchant's account of the same bank (rule 1)", () => {
    expect(refuseSim(kb, sim('s1'), [placed('s1', 'B', '004', '99999900000111')])).toBe(
      'other_merchant_same_bank',
    );
    expect(refuseSim(kb, sim('s1'), [placed('s1', 'B', '088', '110123456789')])).toBeNull();
  });

  it('should treat 농협은행 and 지역농축협 as one bank for rule 1, as their SMS are the same', () => {
    const nh = { merchantId: 'A', bankCode: '011', accountNumber: '3521234427363' };
    expect(refuseSim(nh, sim('s1'), [placed('s1', 'B', '012', '3561234057613')])).toBe(
      'other_merchant_same_bank',
    );
  });

  it('should let one merchant share a SIM between accounts the SMS tells apart, and not otherwise (rule 2)', () => {
    expect(refuseSim(kb, sim('s1'), [placed('s1', 'A', '004', '11111100000788')])).toBeNull();
    // Same first 6 and last 3 digits: `111111**789` for both.
    expect(refuseSim(kb, sim('s1'), [placed('s1', 'A', '004', '11111122222789')])).toBe('indistinguishable');
  });

  it('should never share for a bank whose SMS mask is unknown (rule 2)', () => {
    const suhyup = { merchantId: 'A', bankCode: '007', accountNumber: '10101123456' };
    expect(refuseSim(suhyup, sim('s1'), [placed('s1', 'A', '007', '99999999999')])).toBe('indistinguishable');
  });

  it('should refuse a full SIM (rule 3)', () => {
    expect(refuseSim(kb, sim('s1', 3, 3), [])).toBe('full');
  });
});

describe('chooseSim', () => {
  it('should take the first SIM no rule refuses, in the least-loaded order given', () => {
    const request = { merchantId: 'A', bankCode: '004', accountNumber: '11111100000789' };
    const choice = chooseSim(
      request,
      [sim('s1', 0), sim('s2', 1), sim('s3', 2)],
      [placed('s1', 'B', '004', '22222200000789')],
    );
    expect(choice).toEqual({ simId: 's2', refusals: null });
  });

  it('should say why when no SIM can take the account', () => {
    const request = { merchantId: 'A', bankCode: '004', accountNumber: '11111100000789' };
    expect(chooseSim(request, [sim('s1', 1, 1)], [])).toEqual({ simId: null, refusals: ['full'] });
    expect(chooseSim(request, [], [])).toEqual({ simId: null, refusals: [] });
  });
});

describe('distinguishableInSms', () => {
  it('should require every layout of a bank to show a differing digit (신한 old and new masks)', () => {
    const a = { bankCode: '088', accountNumber: '110123456789' };
    // The last 6 differ (`110-***-456789` vs `…456780`) but the 2010 layout shows `110-123-456***` for both.
    expect(distinguishableInSms(a, { bankCode: '088', accountNumber: '110123456780' })).toBe(false);
    expect(distinguishableInSms(a, { bankCode: '088', accountNumber: '110999000111' })).toBe(true);
  });

  it('should use the last 4 digits for 카카오뱅크', () => {
    const a = { bankCode: '090', accountNumber: '3333011238205' };
    expect(distinguishableInSms(a, { bankCode: '090', accountNumber: '3333099998205' })).toBe(false);
    expect(distinguishableInSms(a, { bankCode: '090', accountNumber: '3333011238206' })).toBe(true);
  });
});

describe('sameSmsBanks', () => {
  it('should group the banks that share an SMS or a sender number', () => {
    expect(sameSmsBanks('012')).toEqual(['011', '012']);
    expect(sameSmsBanks('004')).toEqual(['004']);
  });
});
