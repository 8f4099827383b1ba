import type { BankSmsFormat } from 'src/banks/bank-sms-format';
import { AMOUNT, BALANCE, DEPOSIT_OR_WITHDRAWAL, MMDD_TIME, NAME_LAZY } from 'src/banks/formats/patterns';

const SENDER = '15993333';

export const KAKAO_FORMATS: BankSmsFormat[] = [
  {
    id: 'kakao',
    bankCode: '090',
    evidence: 'REAL',
    description:
      '[카카오뱅크] / 심*민(8205) (holder, not payer) / MM/DD HH:mm / 입금 amount원 / name / 잔액 balance원',
    header: /^\[카카오뱅크\]/,
    fields: [
      { role: 'header', pattern: String.raw`\[카카오뱅크\]` },
      { role: 'holder', pattern: String.raw`(?<holder>[^\s(]{1,20})\((?<account>\d{3,6})\)` },
      { role: 'datetime', pattern: MMDD_TIME },
      { role: 'direction', pattern: DEPOSIT_OR_WITHDRAWAL },
      { role: 'amount', pattern: String.raw`${AMOUNT}\s*원` },
      { role: 'name', pattern: NAME_LAZY },
      { role: 'balance', pattern: BALANCE, optional: true },
    ],
    samples: [
      {
        source: 'BANK-SMS.md §3.21 sample 1 (REAL, collapsed to one line)',
        sender: SENDER,
        receivedAt: '2026-01-23T11:59:30+09:00',
        text: '[Web발신] [카카오뱅크] 심*민(8205) 01/23 11:59 입금 450,000원 홍길동 잔액 9,851,574원',
        expected: {
          kind: 'deposit',
          amount: 450000,
          name: '홍길동',
          balance: 9851574,
          accountHint: '8205',
          occurredAt: '2026-01-23T02:59:00.000Z',
        },
      },
      {
        source: 'BANK-SMS.md §3.21 sample 2 (REAL withdrawal)',
        sender: SENDER,
        receivedAt: '2025-09-01T12:16:30+09:00',
        text: '[Web발신]\n[카카오뱅크]\n이*근(6782)\n09/01 12:16\n출금 5,500원\n(주)씨앤비 광주지점\n잔액 124,500원',
        expected: {
          kind: 'withdrawal',
          amount: 5500,
          name: '(주)씨앤비 광주지점',
          balance: 124500,
          accountHint: '6782',
        },
      },
      {
        source: 'BANK-SMS.md §3.21 sample 3 (CONSTRUCTED line-broken deposit)',
        sender: SENDER,
        receivedAt: '2025-08-23T14:20:30+09:00',
        text: '[Web발신]\n[카카오뱅크]\n심*민(8205)\n08/23 14:20\n입금 500,000원\n김철수\n잔액 10,351,574원',
        expected: { kind: 'deposit', amount: 500000, name: '김철수', balance: 10351574 },
      },
    ],
  },
];
