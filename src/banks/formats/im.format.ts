import type { BankSmsFormat } from 'src/banks/bank-sms-format';
import { AMOUNT, BALANCE, DEPOSIT_OR_WITHDRAWAL, MMDD_TIME, NAME_LAST } from 'src/banks/formats/patterns';

const SENDER = '15665050';

export const IM_FORMATS: BankSmsFormat[] = [
  {
    id: 'im',
    bankCode: '031',
    // One sample from a household app's self-test, not marked real (BANK-SMS.md §3.9): low confidence.
    evidence: 'UNVERIFIED',
    description: 'iM뱅크 MM/DD HH:mm / 50813*03093 / 입금 amount / 잔액 balance / name',
    header: /^iM뱅크 ?\d/,
    fields: [
      { role: 'header', pattern: 'iM뱅크' },
      { role: 'datetime', pattern: MMDD_TIME },
      { role: 'account', pattern: String.raw`(?<account>[\d*][\d*-]{4,}[\d*])` },
      { role: 'direction', pattern: DEPOSIT_OR_WITHDRAWAL },
      { role: 'amount', pattern: String.raw`${AMOUNT}\s*원?` },
      { role: 'balance', pattern: BALANCE, optional: true },
      { role: 'name', pattern: NAME_LAST },
    ],
    samples: [
      {
        source: 'BANK-SMS.md §3.9 self-test sample (UNVERIFIED)',
        sender: SENDER,
        receivedAt: '2025-09-27T13:52:30+09:00',
        text: 'iM뱅크 09/27 13:52\n50813*03093\n입금 1,000,000\n잔액 1,189,248\n토스박선영',
        expected: {
          kind: 'deposit',
          amount: 1000000,
          balance: 1189248,
          name: '토스박선영',
          accountHint: '50813*03093',
          confidence: 'low',
          occurredAt: '2025-09-27T04:52:00.000Z',
        },
      },
      {
        source: 'BANK-SMS.md §3.9 CONSTRUCTED withdrawal',
        sender: SENDER,
        receivedAt: '2025-09-28T10:00:30+09:00',
        text: 'iM뱅크 09/28 10:00\n50813*03093\n출금 55,000\n잔액 1,134,248\n관리비',
        expected: { kind: 'withdrawal', amount: 55000, name: '관리비', confidence: 'low' },
      },
    ],
  },
];
