import type { BankSmsFormat } from 'src/banks/bank-sms-format';
import { AMOUNT, BALANCE_WON, DEPOSIT_OR_WITHDRAWAL, NAME_LAST } from 'src/banks/formats/patterns';

const SENDER = '15221000';

export const KBANK_FORMATS: BankSmsFormat[] = [
  {
    id: 'kbank',
    bankCode: '089',
    evidence: 'REAL',
    description:
      '[케이뱅크] / 홍길*(0276) / 입금 amount원 / 잔액 balance|****원 (optional) / name; no date (receive time is used)',
    header: /^\[케이뱅크\]/,
    fields: [
      { role: 'header', pattern: String.raw`\[케이뱅크\]` },
      { role: 'holder', pattern: String.raw`(?<holder>[^\s(]{1,20})\((?<account>\d{3,6})\)` },
      { role: 'direction', pattern: DEPOSIT_OR_WITHDRAWAL },
      { role: 'amount', pattern: String.raw`${AMOUNT}\s*원` },
      { role: 'balance', pattern: BALANCE_WON, optional: true },
      { role: 'name', pattern: NAME_LAST },
    ],
    samples: [
      {
        source: 'BANK-SMS.md §3.20 sample 1 (REAL, flattened, masked balance)',
        sender: SENDER,
        receivedAt: '2025-05-10T12:00:00+09:00',
        text: '[Web발신][케이뱅크]홍길*(0276)입금 100원잔액 ****원홍길동',
        expected: {
          kind: 'deposit',
          amount: 100,
          balance: null,
          name: '홍길동',
          accountHint: '0276',
          occurredAt: null,
        },
      },
      {
        source: 'BANK-SMS.md §3.20 sample 2 (CONSTRUCTED line-broken form of sample 1)',
        sender: SENDER,
        receivedAt: '2025-05-10T12:00:00+09:00',
        text: '[Web발신]\n[케이뱅크]\n홍길*(0276)\n입금 50,000원\n잔액 1,234,567원\n김철수',
        expected: { kind: 'deposit', amount: 50000, balance: 1234567, name: '김철수' },
      },
      {
        source: 'BANK-SMS.md §3.20 sample 3 (CONSTRUCTED withdrawal)',
        sender: SENDER,
        receivedAt: '2025-05-10T12:00:00+09:00',
        text: '[Web발신]\n[케이뱅크]\n홍길*(0276)\n출금 4,500원\n잔액 1,230,067원\n스타벅스_체크',
        expected: { kind: 'withdrawal', amount: 4500, name: '스타벅스_체크' },
      },
    ],
  },
];
