import type { BankSmsFormat } from 'src/banks/bank-sms-format';
import { AMOUNT, BALANCE, DEPOSIT_OR_WITHDRAWAL, MMDD_TIME, NAME_LAZY } from 'src/banks/formats/patterns';

const SENDER = '15999000';

export const MG_FORMATS: BankSmsFormat[] = [
  {
    id: 'mg',
    bankCode: '045',
    evidence: 'REAL',
    // Open question (BANK-SMS.md §8.5): the name after the account may be the 예금주, not the payer.
    description: '<새마을금고>900326**6 name / 입금amount 잔액balance원 MM/DD HH:mm',
    header: /^<새마을금고>/,
    fields: [
      { role: 'header', pattern: '<새마을금고>' },
      { role: 'account', pattern: String.raw`(?<account>\d{3,}\*+\d*)` },
      { role: 'name', pattern: NAME_LAZY },
      { role: 'direction', pattern: DEPOSIT_OR_WITHDRAWAL },
      { role: 'amount', pattern: String.raw`${AMOUNT}\s*원?` },
      { role: 'balance', pattern: BALANCE, optional: true },
      { role: 'datetime', pattern: MMDD_TIME },
    ],
    samples: [
      {
        source: 'BANK-SMS.md §3.18 sample 1 (REAL, MGSaemaeulParser doc comment)',
        sender: SENDER,
        receivedAt: '2026-02-01T21:34:30+09:00',
        text: '[Web발신]\n<새마을금고>900326**6 홍길동\n입금10,000 잔액23,536,829원 02/01 21:34',
        expected: {
          kind: 'deposit',
          amount: 10000,
          balance: 23536829,
          name: '홍길동',
          accountHint: '900326**6',
          occurredAt: '2026-02-01T12:34:00.000Z',
        },
      },
      {
        source: 'BANK-SMS.md §3.18 sample 2 (REAL, flattened, glued [Web발신])',
        sender: SENDER,
        receivedAt: '2026-04-10T13:33:30+09:00',
        text: '[Web발신]<새마을금고>900318**2 김철수 입금100 잔액100원 04/10 13:33',
        expected: { kind: 'deposit', amount: 100, balance: 100, name: '김철수', accountHint: '900318**2' },
      },
      {
        source: 'BANK-SMS.md §3.18 sample 3 (CONSTRUCTED withdrawal)',
        sender: SENDER,
        receivedAt: '2026-02-02T09:10:30+09:00',
        text: '[Web발신]\n<새마을금고>900326**6 홍길동\n출금50,000 잔액23,486,829원 02/02 09:10',
        expected: { kind: 'withdrawal', amount: 50000, balance: 23486829 },
      },
    ],
  },
];
