import type { BankSmsFormat } from 'src/banks/bank-sms-format';
import { AMOUNT, BALANCE, DEPOSIT_OR_WITHDRAWAL, NAME_LAZY, YMD_TIME } from 'src/banks/formats/patterns';

const SENDER = '15662566';

export const IBK_FORMATS: BankSmsFormat[] = [
  {
    id: 'ibk',
    bankCode: '003',
    evidence: 'REAL',
    description: 'YYYY/MM/DD HH:mm / 입금 amount원 / 잔액 balance원 / name / 469***12345678 / 기업',
    header: /^20\d\d\/\d\d\/\d\d/,
    fields: [
      { role: 'datetime', pattern: YMD_TIME },
      { role: 'direction', pattern: DEPOSIT_OR_WITHDRAWAL },
      { role: 'amount', pattern: String.raw`${AMOUNT}\s*원` },
      { role: 'balance', pattern: BALANCE, optional: true },
      { role: 'name', pattern: NAME_LAZY },
      { role: 'account', pattern: String.raw`(?<account>\d{3}\*{3}\d{3,})` },
      { role: 'literal', pattern: '기업(?:은행)?' },
    ],
    samples: [
      {
        source: 'BANK-SMS.md §3.5 sample 1 (REAL, withdrawal)',
        sender: SENDER,
        receivedAt: '2024-11-15T12:57:30+09:00',
        text: '[Web발신]\n2024/11/15 12:57\n출금 354,594원\n잔액 50,622원\n현대카드\n469***12345678\n기업',
        expected: {
          kind: 'withdrawal',
          amount: 354594,
          balance: 50622,
          name: '현대카드',
          accountHint: '469***12345678',
          occurredAt: '2024-11-15T03:57:00.000Z',
        },
      },
      {
        source: 'BANK-SMS.md §3.5 sample 2 (REAL, company deposit)',
        sender: SENDER,
        receivedAt: '2026-08-10T14:49:30+09:00',
        text: '[Web발신]\n2026/08/10 14:49\n입금 407,000원\n잔액 144,153,377원\n㈜가나다\n452***12345678\n기업',
        expected: { kind: 'deposit', amount: 407000, balance: 144153377, name: '㈜가나다' },
      },
      {
        source: 'BANK-SMS.md §3.5 sample 3 (REAL, 1원 verification deposit, date and time on two lines)',
        sender: SENDER,
        receivedAt: '2026-09-28T23:35:30+09:00',
        text: '[Web발신]\n2026/09/28\n23:35\n입금 1원\n잔액 28,967,453원\n홍길동\n458***12345678\n기업',
        expected: {
          kind: 'deposit',
          amount: 1,
          balance: 28967453,
          name: '홍길동',
          code: '홍길동',
          occurredAt: '2026-09-28T14:35:00.000Z',
        },
      },
      {
        source: 'BANK-SMS.md §3.5 sample 4 (REAL, merchant with a space)',
        sender: '15882588',
        receivedAt: '2026-10-01T10:00:30+09:00',
        text: '[Web발신]\n2026/10/01 10:00\n출금 26,600원\n잔액 2,364,744원\n스타벅스 코리아\n461***04016\n기업',
        expected: { kind: 'withdrawal', amount: 26600, name: '스타벅스 코리아', accountHint: '461***04016' },
      },
    ],
  },
];
