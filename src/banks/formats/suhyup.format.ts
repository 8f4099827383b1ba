import type { BankSmsFormat } from 'src/banks/bank-sms-format';
import { AMOUNT, BALANCE, DEPOSIT_OR_WITHDRAWAL, MMDD_TIME, NAME_LAST } from 'src/banks/formats/patterns';

const SENDER = '15881515';

export const SUHYUP_FORMATS: BankSmsFormat[] = [
  {
    id: 'suhyup',
    bankCode: '007',
    // The layout is from a parser's regex for its author's real messages; the samples below are
    // CONSTRUCTED from it (BANK-SMS.md §3.16). Replace them when a real message arrives.
    evidence: 'REAL-PARSER',
    description: '수협MM/DD,HH:mm / account / 입금amount원 / 잔액balance원 (optional) / name',
    header: /^수협\d/,
    fields: [
      { role: 'header', pattern: '수협' },
      { role: 'datetime', pattern: MMDD_TIME },
      { role: 'account', pattern: String.raw`(?<account>[\d*][\d*-]{3,}[\d*])` },
      { role: 'direction', pattern: DEPOSIT_OR_WITHDRAWAL },
      { role: 'amount', pattern: String.raw`${AMOUNT}\s*원` },
      { role: 'balance', pattern: BALANCE, optional: true },
      { role: 'name', pattern: NAME_LAST },
    ],
    samples: [
      {
        source: 'BANK-SMS.md §3.16 sample 1 (CONSTRUCTED from the REAL-PARSER layout)',
        sender: SENDER,
        receivedAt: '2025-07-15T18:19:30+09:00',
        text: '[Web발신]\n수협07/15,18:19\n101-****-1234\n입금50,000원\n잔액1,230,000원\n홍길동',
        expected: {
          kind: 'deposit',
          amount: 50000,
          balance: 1230000,
          name: '홍길동',
          accountHint: '101-****-1234',
          occurredAt: '2025-07-15T09:19:00.000Z',
        },
      },
      {
        source: 'BANK-SMS.md §3.16 sample 2 (CONSTRUCTED, no 잔액)',
        sender: SENDER,
        receivedAt: '2025-07-15T18:40:30+09:00',
        text: '[Web발신]\n수협07/15,18:40\n101-****-1234\n입금30,000원\n김철수',
        expected: { kind: 'deposit', amount: 30000, balance: null, name: '김철수' },
      },
      {
        source: 'BANK-SMS.md §3.16 sample 3 (CONSTRUCTED withdrawal)',
        sender: SENDER,
        receivedAt: '2025-07-16T09:02:30+09:00',
        text: '[Web발신]\n수협07/16,09:02\n101-****-1234\n출금12,000원\n잔액1,248,000원\n한국전력공사',
        expected: { kind: 'withdrawal', amount: 12000, balance: 1248000, name: '한국전력공사' },
      },
    ],
  },
];
