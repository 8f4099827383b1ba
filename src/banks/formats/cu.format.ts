import type { BankSmsFormat } from 'src/banks/bank-sms-format';
import { AMOUNT, BALANCE, DEPOSIT_OR_WITHDRAWAL, MMDD_TIME, NAME_LAZY } from 'src/banks/formats/patterns';

const SENDER = '15666000';

export const CU_FORMATS: BankSmsFormat[] = [
  {
    id: 'cu',
    bankCode: '048',
    evidence: 'REAL',
    description: '신협132*****2222 MM/DD HH:mm 입금 amount원 name 잔액balance원 (one line)',
    header: /^신협[\d*]/,
    fields: [
      { role: 'header', pattern: '신협' },
      { role: 'account', pattern: String.raw`(?<account>\d{2,4}\*{3,}\d{2,6}|[\d*]{6,})` },
      { role: 'datetime', pattern: MMDD_TIME },
      { role: 'direction', pattern: DEPOSIT_OR_WITHDRAWAL },
      { role: 'amount', pattern: String.raw`${AMOUNT}\s*원` },
      { role: 'name', pattern: NAME_LAZY },
      { role: 'balance', pattern: BALANCE, optional: true },
    ],
    samples: [
      {
        source: 'BANK-SMS.md §3.19 sample 1 (REAL)',
        sender: SENDER,
        receivedAt: '2025-07-04T16:15:30+09:00',
        text: '신협132*****2222 07/04 16:15 입금 300,000원 홍길동 잔액312,533원',
        expected: {
          kind: 'deposit',
          amount: 300000,
          name: '홍길동',
          balance: 312533,
          accountHint: '132*****2222',
          occurredAt: '2025-07-04T07:15:00.000Z',
        },
      },
      {
        source: 'BANK-SMS.md §3.19 sample 2 (REAL withdrawal)',
        sender: SENDER,
        receivedAt: '2025-07-07T18:38:30+09:00',
        text: '신협132*****2222 07/07 18:38 출금 2,870,000원 김철수 잔액540,000원',
        expected: { kind: 'withdrawal', amount: 2870000, name: '김철수', balance: 540000 },
      },
      {
        source: 'BANK-SMS.md §3.19 sample 3 (REAL, glued [Web발신])',
        sender: SENDER,
        receivedAt: '2025-02-05T16:33:30+09:00',
        text: '[Web발신]신협137*****3010 02/05 16:33 입금 3,000원 이영희 잔액9,560원',
        expected: {
          kind: 'deposit',
          amount: 3000,
          name: '이영희',
          balance: 9560,
          accountHint: '137*****3010',
        },
      },
    ],
  },
];
