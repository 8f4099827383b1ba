import type { BankSmsFormat } from 'src/banks/bank-sms-format';
import {
  AMOUNT,
  AMOUNT_GROUPED,
  BALANCE,
  BALANCE_GROUPED,
  DEPOSIT_OR_WITHDRAWAL,
  MMDD_TIME,
} from 'src/banks/formats/patterns';

const SENDER = '15778000';

export const SHINHAN_FORMATS: BankSmsFormat[] = [
  {
    id: 'shinhan',
    bankCode: '088',
    evidence: 'REAL',
    description:
      '신한MM/DD HH:mm / 110-123-456789 / 입금{spaces}amount / 잔액{spaces}balance (optional) / name',
    header: /^신한 ?\d/,
    fields: [
      { role: 'header', pattern: '신한' },
      { role: 'datetime', pattern: MMDD_TIME },
      { role: 'account', pattern: String.raw`(?<account>[\d*]{3}-[\d*]{2,6}-[\d*]{3,7})` },
      { role: 'direction', pattern: DEPOSIT_OR_WITHDRAWAL },
      { role: 'amount', pattern: String.raw`${AMOUNT}\s*원?` },
      { role: 'balance', pattern: BALANCE, optional: true },
      { role: 'name', pattern: String.raw`(?<name>[^\n]+)`, optional: true },
    ],
    samples: [
      {
        source: 'BANK-SMS.md §3.2 sample 1 (REAL 2025)',
        sender: SENDER,
        receivedAt: '2025-07-04T15:28:30+09:00',
        text: '[Web발신]\n신한07/04 15:28\n110-123-456789\n입금     100,000\n잔액    870,045\n 홍길동',
        expected: {
          kind: 'deposit',
          amount: 100000,
          balance: 870045,
          name: '홍길동',
          accountHint: '110-123-456789',
          occurredAt: '2025-07-04T06:28:00.000Z',
        },
      },
      {
        source: 'BANK-SMS.md §3.2 sample 2 (REAL 2024, no 잔액)',
        sender: '1577-8000',
        receivedAt: '2024-04-07T20:12:30+09:00',
        text: '[Web발신]\n신한04/07 20:12\n100-012-345678\n입금     11,000\n김철수',
        expected: { kind: 'deposit', amount: 11000, balance: null, name: '김철수' },
      },
      {
        source: 'BANK-SMS.md §3.2 sample 3 (REAL 2024)',
        sender: SENDER,
        receivedAt: '2024-04-08T11:11:30+09:00',
        text: '[Web발신]\n신한04/08 11:11\n140-012-345678\n입금      3,300\n이영희',
        expected: { kind: 'deposit', amount: 3300, name: '이영희' },
      },
      {
        source: 'BANK-SMS.md §3.2 sample 4 (REAL 2025, withdrawal)',
        sender: SENDER,
        receivedAt: '2025-07-04T15:18:30+09:00',
        text: '[Web발신]\n신한07/04 15:18\n110-123-456789\n출금   7,900,000\n잔액 11,040,045\n 주식회사 넥스',
        expected: { kind: 'withdrawal', amount: 7900000, balance: 11040045, name: '주식회사 넥스' },
      },
      {
        source: 'BANK-SMS.md §3.2 masked account (UI placeholder 140-***-578547)',
        sender: SENDER,
        receivedAt: '2025-07-04T15:28:30+09:00',
        text: '[Web발신]\n신한07/04 15:28\n140-***-578547\n입금     50,000\n홍길동',
        expected: { kind: 'deposit', amount: 50000, accountHint: '140-***-578547' },
      },
    ],
  },
  {
    id: 'shinhan.2010',
    bankCode: '088',
    evidence: 'REAL',
    description: '2010 one line: 신한 MM/DD HH:mm[account]입금 amount잔액 balance name',
    header: /^신한 ?\d\d\/\d\d \d\d:\d\d\[/,
    fields: [
      { role: 'header', pattern: '신한' },
      { role: 'datetime', pattern: MMDD_TIME },
      { role: 'account', pattern: String.raw`\[(?<account>[\d*-]{6,})\]` },
      { role: 'direction', pattern: DEPOSIT_OR_WITHDRAWAL },
      { role: 'amount', pattern: AMOUNT_GROUPED },
      { role: 'balance', pattern: BALANCE_GROUPED, optional: true },
      { role: 'name', pattern: String.raw`(?<name>[^\n]+)`, optional: true },
    ],
    samples: [
      {
        source: 'BANK-SMS.md §3.2 sample 5 (REAL 2010)',
        sender: SENDER,
        receivedAt: '2010-12-23T18:22:30+09:00',
        text: '신한 12/23 18:22[110-123-456***]입금     100,000잔액  21,840,368 홍길동',
        expected: {
          kind: 'deposit',
          amount: 100000,
          balance: 21840368,
          name: '홍길동',
          accountHint: '110-123-456***',
          occurredAt: '2010-12-23T09:22:00.000Z',
        },
      },
      {
        source: 'BANK-SMS.md §3.2 2010 layout (REAL, xwinboard main())',
        sender: SENDER,
        receivedAt: '2010-12-23T16:32:30+09:00',
        text: '신한 12/23 16:32[110-257-306***]입금      19,000잔액   6,121,400홍길동',
        expected: { kind: 'deposit', amount: 19000, balance: 6121400, name: '홍길동' },
      },
      {
        source: 'BANK-SMS.md §3.2 2010 counterparty with bank prefix',
        sender: SENDER,
        receivedAt: '2010-12-23T16:40:30+09:00',
        text: '신한 12/23 16:40[110-257-306***]입금     500,000잔액  14,326,400제주:김철수',
        expected: { kind: 'deposit', amount: 500000, balance: 14326400, name: '제주:김철수' },
      },
    ],
  },
];
