import { parseBankSms } from 'src/banks/bank-sms-parser';
import { BANK_SMS_FORMATS } from 'src/banks/formats';

describe('BANK_SMS_FORMATS samples', () => {
  it('should have unique format ids and at least one sample each', () => {
    const ids = BANK_SMS_FORMATS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const format of BANK_SMS_FORMATS) expect(format.samples.length).toBeGreaterThan(0);
  });

  for (const format of BANK_SMS_FORMATS) {
    describe(format.id, () => {
      format.samples.forEach((sample, i) => {
        it(`should read sample ${i + 1} (${sample.source})`, () => {
          const result = parseBankSms({
            sender: sample.sender,
            text: sample.text,
            receivedAt: sample.receivedAt ? new Date(sample.receivedAt) : undefined,
          });
          const { occurredAt, ...rest } = sample.expected;
          expect(result).toMatchObject({ bankCode: format.bankCode, formatId: format.id, ...rest });
          if (occurredAt !== undefined) expect(result.occurredAt?.toISOString() ?? null).toBe(occurredAt);
        });
      });

      it('should call the same text from a foreign sender unknown_sender', () => {
        const sample = format.samples[0];
        const result = parseBankSms({ sender: '01012345678', text: sample.text });
        expect(result.kind).toBe('unknown_sender');
        expect(result.bankCode).toBe(format.bankCode);
        expect(result.reason).toMatch(/not an official/);
      });
    });
  }
});
