import type { BankSmsFormat } from 'src/banks/bank-sms-format';
import {
  AMOUNT,
  AMOUNT_GROUPED,
  BALANCE,
  BALANCE_GROUPED,
  DEPOSIT_OR_WITHDRAWAL,
  MMDD_TIME,
  NAME_LAZY,
  YMD,
} from 'src/banks/formats/patterns';

const SENDER = '15882100';

/**
 * 농협 SMS read the same for 농협은행 (011) and 지역농·축협 (012); results say 011 and the registry's
 * `smsBankGroup('011')` tells attribution to try both (BANK-SMS.md §3.6: the prefix rule is UNVERIFIED).
 */
export const NH_FORMATS: BankSmsFormat[] = [
  {
    id: 'nh',
    bankCode: '011',
    evidence: 'REAL',
    description: '농협 입금amount원 / MM/DD HH:mm 352-****-4273-63 name 잔액balance원 (optional)',
    header: /^농협 ?(?:입금|출금|지급)/,
    fields: [
      { role: 'header', pattern: '농협' },
      { role: 'direction', pattern: DEPOSIT_OR_WITHDRAWAL },
      { role: 'amount', pattern: String.raw`${AMOUNT}\s*원` },
      { role: 'datetime', pattern: MMDD_TIME },
      {
        role: 'account',
        pattern: String.raw`(?<account>[\d*]{3}-[\d*]{2,6}-[\d*]{2,6}-[\d*]{2,3}|[\d*-]{8,})`,
      },
      { role: 'name', pattern: NAME_LAZY },
      { role: 'balance', pattern: BALANCE, optional: true },
    ],
    samples: [
      {
        source: 'BANK-SMS.md §3.6 sample 1 (REAL 2025)',
        sender: SENDER,
        receivedAt: '2025-07-04T15:18:30+09:00',
        text: '농협 입금10,000원\n07/04 15:18 352-****-4273-63 홍길동 잔액3,710,000원',
        expected: {
          kind: 'deposit',
          amount: 10000,
          name: '홍길동',
          balance: 3710000,
          accountHint: '352-****-4273-63',
          occurredAt: '2025-07-04T06:18:00.000Z',
        },
      },
      {
        source: 'BANK-SMS.md §3.6 sample 2 (REAL 2024, no 잔액)',
        sender: '1588-2100',
        receivedAt: '2024-04-07T14:01:30+09:00',
        text: '[Web발신]\n농협 입금66,000원\n04/07 14:01 352-****-1275-13 김철수',
        expected: { kind: 'deposit', amount: 66000, name: '김철수', balance: null },
      },
      {
        source: 'BANK-SMS.md §3.6 sample 3 (REAL-ish withdrawal)',
        sender: SENDER,
        receivedAt: '2025-11-03T17:43:30+09:00',
        text: '[Web발신]\n농협 출금2,500원\n11/03 17:43 301-****-2640-41 파우PC 잔액5,428원',
        expected: { kind: 'withdrawal', amount: 2500, name: '파우PC', balance: 5428 },
      },
      {
        source: 'BANK-SMS.md §3.6 sample 4 (REAL 2026)',
        sender: SENDER,
        receivedAt: '2026-08-11T14:48:30+09:00',
        text: '농협 입금3,825,000원\n08/11 14:48 352-****-1682-33 이영희',
        expected: { kind: 'deposit', amount: 3825000, name: '이영희' },
      },
    ],
  },
  {
    id: 'nh.2010',
    bankCode: '011',
    evidence: 'REAL',
    description: '2010 one line: 농협 YYYY/MM/DD account amount원(name)입금.잔액balance원',
    header: /^농협 ?\d{4}\//,
    fields: [
      { role: 'header', pattern: '농협' },
      { role: 'datetime', pattern: YMD },
      { role: 'account', pattern: String.raw`(?<account>[\d*][\d*-]{5,}[\d*])` },
      { role: 'amount', pattern: String.raw`${AMOUNT_GROUPED}원` },
      { role: 'name', pattern: String.raw`\((?<name>[^)\n]*)\)` },
      { role: 'direction', pattern: String.raw`${DEPOSIT_OR_WITHDRAWAL}\.?` },
      { role: 'balance', pattern: String.raw`${BALANCE_GROUPED}원`, optional: true },
    ],
    samples: [
      {
        source: 'BANK-SMS.md §3.6 sample 5 (REAL 2010)',
        sender: SENDER,
        receivedAt: '2010-02-17T10:00:00+09:00',
        text: '농협 2010/02/17 302-0080-1997-** 1,000원(홍길동)입금.잔액1,000원',
        expected: {
          kind: 'deposit',
          amount: 1000,
          name: '홍길동',
          balance: 1000,
          accountHint: '302-0080-1997-**',
          occurredAt: '2010-02-17T01:00:00.000Z',
        },
      },
    ],
  },
];
