import { type AuthenticityInput, judgeAuthenticity } from 'src/deposits/authenticity';

const KB = '16449999';
const exact: AuthenticityInput['parsed'] = {
  bankCode: '004',
  amount: 600_000,
  balance: 1_320_000,
  confidence: 'high',
  formatId: 'kb',
};
const previous = (balance: number) => ({
  inboundSmsId: '41',
  balance,
  occurredAt: new Date('2026-07-04T05:00:00Z'),
});

describe('judgeAuthenticity', () => {
  it('should verify an exact template from the official sender whose balance follows the previous one', () => {
    expect(judgeAuthenticity({ sender: KB, parsed: exact, previous: previous(720_000) })).toEqual({
      verdict: 'verified',
      reason: null,
    });
  });

  it('should verify a first deposit (no previous balance) and a deposit that states no balance', () => {
    expect(judgeAuthenticity({ sender: KB, parsed: exact, previous: null }).verdict).toBe('verified');
    expect(
      judgeAuthenticity({ sender: KB, parsed: { ...exact, balance: null }, previous: previous(1) }).verdict,
    ).toBe('verified');
  });

  it('should call a balance that does not follow the previous one suspicious, naming both balances', () => {
    const verdict = judgeAuthenticity({ sender: KB, parsed: exact, previous: previous(700_000) });
    expect(verdict.verdict).toBe('suspicious');
    expect(verdict.reason).toBe(
      'balance 1,320,000원 does not follow the previous SMS #41 (balance 700,000원 + 600,000원 = 1,300,000원): an SMS was missed or this one is forged',
    );
  });

  it('should accept a negative previous balance (마이너스통장) when the sum is right', () => {
    const parsed = { ...exact, bankCode: '081', formatId: 'hana', amount: 55_000, balance: -55_224_562 };
    expect(judgeAuthenticity({ sender: '15991111', parsed, previous: previous(-55_279_562) }).verdict).toBe(
      'verified',
    );
  });

  it('should call a sender that is not the bank official number suspicious', () => {
    const verdict = judgeAuthenticity({ sender: '01012345678', parsed: exact, previous: null });
    expect(verdict).toEqual({
      verdict: 'suspicious',
      reason: 'sender 01012345678 is not an official 국민은행 number',
    });
  });

  it('should accept a 농협 SMS for a 지역농·축협 (012) account from the shared 농협 sender', () => {
    const parsed = { ...exact, bankCode: '012', formatId: 'nh' };
    expect(judgeAuthenticity({ sender: '15882100', parsed, previous: null }).verdict).toBe('verified');
  });

  it('should call the generic fallback and unconfirmed templates suspicious', () => {
    const generic = judgeAuthenticity({
      sender: '15881599',
      parsed: { ...exact, bankCode: '023', confidence: 'low', formatId: 'generic' },
      previous: null,
    });
    expect(generic.verdict).toBe('suspicious');
    expect(generic.reason).toMatch(/^no confirmed .+ template: read by the generic fallback$/);

    const constructed = judgeAuthenticity({
      sender: '15665050',
      parsed: { ...exact, bankCode: '031', confidence: 'low', formatId: 'im' },
      previous: null,
    });
    expect(constructed.reason).toMatch(/^template im is not confirmed by a real .+ SMS$/);
  });

  it('should list every failed check in the reason', () => {
    const verdict = judgeAuthenticity({
      sender: '01012345678',
      parsed: { ...exact, confidence: 'low', formatId: 'generic' },
      previous: previous(1),
    });
    expect(verdict.reason?.split('; ')).toHaveLength(3);
  });
});
