import type { BankSmsFormat, FieldSpec } from 'src/banks/bank-sms-format';
import {
  AMOUNT,
  BALANCE,
  DEPOSIT_OR_WITHDRAWAL,
  MMDD_TIME,
  NAME_LAST,
  TIME,
} from 'src/banks/formats/patterns';

const SENDER = '15881900';

const BODY: FieldSpec[] = [
  { role: 'account', pattern: String.raw`(?<account>\d{2,4}\*{3,}\d{2,4})` },
  { role: 'direction', pattern: DEPOSIT_OR_WITHDRAWAL },
  { role: 'amount', pattern: String.raw`${AMOUNT}\s*원` },
  { role: 'balance', pattern: BALANCE, optional: true },
  { role: 'name', pattern: NAME_LAST },
];

export const EPOST_FORMATS: BankSmsFormat[] = [
  {
    id: 'epost',
    bankCode: '071',
    evidence: 'REAL',
    description: '우체국,MM/DD HH:mm / 110******246 / 입금 amount원 / 잔액 balance원 / name',
    header: /^우체국,\d\d?\//,
    fields: [{ role: 'header', pattern: '우체국,' }, { role: 'datetime', pattern: MMDD_TIME }, ...BODY],
    samples: [
      {
        source: 'BANK-SMS.md §3.17 sample 1 (REAL, recent)',
        sender: SENDER,
        receivedAt: '2025-07-15T18:19:30+09:00',
        text: '[Web발신]\n우체국,07/15 18:19\n110******246\n입금 11,000원\n잔액 1,405,715원\n홍길동',
        expected: {
          kind: 'deposit',
          amount: 11000,
          balance: 1405715,
          name: '홍길동',
          accountHint: '110******246',
          occurredAt: '2025-07-15T09:19:00.000Z',
        },
      },
    ],
  },
  {
    id: 'epost.2010',
    bankCode: '071',
    evidence: 'REAL',
    description: '2010: 우체국,HH:mm (no date) / 610********249 / 입금amount원 / 잔액balance원 / name',
    header: /^우체국,\d\d?:/,
    fields: [{ role: 'header', pattern: '우체국,' }, { role: 'datetime', pattern: TIME }, ...BODY],
    samples: [
      {
        source: 'BANK-SMS.md §3.17 sample 2 (REAL 2010)',
        sender: SENDER,
        receivedAt: '2010-03-02T23:47:40+09:00',
        text: '우체국,23:47\n610********249\n입금39,000원\n잔액74,495,645원\n김철수',
        expected: {
          kind: 'deposit',
          amount: 39000,
          balance: 74495645,
          name: '김철수',
          occurredAt: '2010-03-02T14:47:00.000Z',
        },
      },
      {
        source: 'BANK-SMS.md §3.17 sample 3 (REAL 2010 withdrawal, received after midnight)',
        sender: SENDER,
        receivedAt: '2010-03-03T00:01:00+09:00',
        text: '우체국,23:44\n610********249\n출금1,250,000원\n잔액74,456,645원\n이영희',
        expected: {
          kind: 'withdrawal',
          amount: 1250000,
          balance: 74456645,
          name: '이영희',
          occurredAt: '2010-03-02T14:44:00.000Z',
        },
      },
    ],
  },
];
