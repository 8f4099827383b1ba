import type { BankSmsFormat } from 'src/banks/bank-sms-format';
import { AMOUNT, BALANCE, DEPOSIT_OR_WITHDRAWAL, MMDD_TIME, NAME_LAZY } from 'src/banks/formats/patterns';

const SENDER = '15991111';

export const HANA_FORMATS: BankSmsFormat[] = [
  {
    id: 'hana',
    bankCode: '081',
    evidence: 'REAL',
    description:
      '하나,MM/DD HH:mm / 123******45678 / 입금amount원 / name (U+3000 padded) / 잔액balance원 (optional, may be negative)',
    header: /^하나,/,
    fields: [
      { role: 'header', pattern: '하나,' },
      { role: 'datetime', pattern: MMDD_TIME },
      { role: 'account', pattern: String.raw`(?<account>\d{2,4}\*{3,}\d{2,6}|[\d*]{8,})` },
      { role: 'direction', pattern: DEPOSIT_OR_WITHDRAWAL },
      { role: 'amount', pattern: String.raw`${AMOUNT}\s*원` },
      { role: 'name', pattern: NAME_LAZY },
      { role: 'balance', pattern: BALANCE, optional: true },
    ],
    samples: [
      {
        source: 'BANK-SMS.md §3.4 sample 1 (REAL 2026, company)',
        sender: SENDER,
        receivedAt: '2026-08-07T15:33:30+09:00',
        text: '[Web발신]\n하나,08/07, 15:33\n255******31304\n입금5,115,000원\n(주)가나다상사\n잔액239,612,486원',
        expected: {
          kind: 'deposit',
          amount: 5115000,
          name: '(주)가나다상사',
          balance: 239612486,
          accountHint: '255******31304',
          occurredAt: '2026-08-07T06:33:00.000Z',
        },
      },
      {
        source: 'BANK-SMS.md §3.4 sample 2 (REAL, court case number as 적요)',
        sender: SENDER,
        receivedAt: '2026-08-27T13:58:30+09:00',
        text: '[Web발신]\n하나,08/27 13:58\n123******45678\n입금531,850원\n2026고단1012\n잔액9,536,103원',
        expected: { kind: 'deposit', amount: 531850, name: '2026고단1012', balance: 9536103 },
      },
      {
        source: 'BANK-SMS.md §3.4 sample 3 (REAL, CRLF, withdrawal)',
        sender: '+8215991111',
        receivedAt: '2025-04-06T14:24:30+09:00',
        text: '[Web발신]\n하나,04/06,14:24\r\n445******08907\r\n출금6,120원\r\n네이버_LGU+\r\n잔액3,438,883원',
        expected: { kind: 'withdrawal', amount: 6120, name: '네이버_LGU+', balance: 3438883 },
      },
      {
        source: 'BANK-SMS.md §3.4 sample 4 (REAL, negative balance + U+3000)',
        sender: SENDER,
        receivedAt: '2025-07-01T08:23:30+09:00',
        text: '[Web발신]\n하나,07/01 08:23\n302******29007\n출금55,000원\n티머니\u3000\u3000\u3000\u3000\u3000\n잔액-55,279,562원',
        expected: { kind: 'withdrawal', amount: 55000, name: '티머니', balance: -55279562 },
      },
      {
        source: 'BANK-SMS.md §3.4 sample 5 (REAL refund; masked account filled in, balance without 원)',
        sender: SENDER,
        receivedAt: '2025-02-04T15:58:30+09:00',
        text: '[Web발신]\n하나,02/04,15:58\n748******40207\n입금15,000원\n맥도날드환불\n잔액80,090',
        expected: { kind: 'deposit', amount: 15000, name: '맥도날드환불', balance: 80090 },
      },
    ],
  },
];
