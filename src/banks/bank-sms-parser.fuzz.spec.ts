import fc from 'fast-check';
import { parseBankSms, type ParsedBankSms } from 'src/banks/bank-sms-parser';
import { BANK_SMS_FORMATS } from 'src/banks/formats';

const KINDS = ['deposit', 'withdrawal', 'verification', 'other', 'unparsed', 'unknown_sender'];
const SAMPLES = BANK_SMS_FORMATS.flatMap((f) => f.samples.map((s) => ({ ...s, bankCode: f.bankCode })));
const SENDERS = [...new Set(SAMPLES.map((s) => s.sender)), '01012345678', '', 'KBSTAR', '+8216449999'];

function wellFormed(r: ParsedBankSms): void {
  expect(KINDS).toContain(r.kind);
  if (r.amount !== null) expect(Number.isSafeInteger(r.amount)).toBe(true);
  if (r.balance !== null) expect(Number.isSafeInteger(r.balance)).toBe(true);
  if (r.occurredAt !== null) expect(Number.isNaN(r.occurredAt.getTime())).toBe(false);
  if (r.kind === 'deposit') {
    expect(r.bankCode).not.toBeNull();
    expect(r.amount).not.toBeNull();
    expect(r.amount).toBeGreaterThan(0);
  }
}

const sampleArb = fc.constantFrom(...SAMPLES);
const senderArb = fc.oneof(fc.constantFrom(...SENDERS), fc.string({ maxLength: 20 }));
const korean = fc.string({
  unit: fc.constantFrom(...'입출금잔액원[]<>()KB신한우리하나농협 ,*-/:\n\r\u3000０１２3456789'.split('')),
  maxLength: 120,
});
const dateArb = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: false });

describe('parseBankSms fuzz', () => {
  it('should never throw on random text, sender and date', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), korean),
        senderArb,
        fc.option(dateArb),
        (text, sender, date) => {
          wellFormed(parseBankSms({ sender, text, receivedAt: date ?? undefined }));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('should never throw on truncated samples', () => {
    fc.assert(
      fc.property(sampleArb, fc.nat(), (sample, cut) => {
        const text = sample.text.slice(0, cut % (sample.text.length + 1));
        wellFormed(parseBankSms({ sender: sample.sender, text }));
      }),
      { numRuns: 3000 },
    );
  });

  it("should never make a deposit of two different banks' samples glued together", () => {
    fc.assert(
      fc.property(sampleArb, sampleArb, fc.constantFrom('\n', ' ', ''), (a, b, sep) => {
        fc.pre(a.bankCode !== b.bankCode);
        const r = parseBankSms({ sender: a.sender, text: a.text + sep + b.text });
        wellFormed(r);
        expect(r.kind).not.toBe('deposit');
      }),
      { numRuns: 2000 },
    );
  });

  it('should never throw on samples with random characters inserted', () => {
    fc.assert(
      fc.property(sampleArb, fc.nat(), fc.string({ maxLength: 5 }), (sample, at, insert) => {
        const i = at % (sample.text.length + 1);
        wellFormed(
          parseBankSms({
            sender: sample.sender,
            text: sample.text.slice(0, i) + insert + sample.text.slice(i),
          }),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('should never read the amount from the name field, whatever digits the name holds', () => {
    const deposits = SAMPLES.filter(
      (s) => s.expected.kind === 'deposit' && s.expected.name && s.text.includes(s.expected.name),
    );
    const amountLike = fc
      .tuple(fc.integer({ min: 1, max: 999 }), fc.array(fc.integer({ min: 0, max: 999 }), { maxLength: 3 }))
      .map(([head, groups]) => [head, ...groups.map((g) => String(g).padStart(3, '0'))].join(','));
    fc.assert(
      fc.property(fc.constantFrom(...deposits), amountLike, (sample, name) => {
        const original = parseBankSms({ sender: sample.sender, text: sample.text });
        const r = parseBankSms({
          sender: sample.sender,
          text: sample.text.replace(sample.expected.name!, name),
        });
        expect(r.kind).toBe('deposit');
        expect(r.amount).toBe(original.amount);
        expect(r.balance).toBe(original.balance);
        // The name itself may blur into digits it is glued to (KB flattened: 676337**736 + "1"),
        // but never into the amount.
      }),
      { numRuns: 2000 },
    );
  });

  it('should give a deposit from a foreign sender as unknown_sender, never deposit', () => {
    fc.assert(
      fc.property(sampleArb, fc.stringMatching(/^010\d{8}$/), (sample, sender) => {
        expect(parseBankSms({ sender, text: sample.text }).kind).not.toBe('deposit');
      }),
      { numRuns: 500 },
    );
  });

  it('should stay fast on pathological input (no catastrophic backtracking)', () => {
    const evil = [
      '[KB]07/04 15:24\n123456**789\n' + '입금'.repeat(2000) + '\n1,000',
      '[KB]07/04 15:24 123456**789 ' + 'a '.repeat(5000),
      '우리 07/21 02:27\n*420576\n입금 1000원\n' + '홍길동 '.repeat(3000),
      '2026/08/10 14:49 입금 1원 ' + '1'.repeat(5000),
      '<새마을금고>900326**6 ' + '김 '.repeat(5000) + '입금10,000',
      '인증번호 ' + '1-'.repeat(5000),
    ];
    for (const text of evil) {
      const t0 = Date.now();
      wellFormed(parseBankSms({ sender: '16449999', text }));
      expect(Date.now() - t0).toBeLessThan(200);
    }
  });
});
