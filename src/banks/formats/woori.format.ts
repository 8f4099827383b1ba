import type { BankSmsFormat } from 'src/banks/bank-sms-format';
import { AMOUNT, BALANCE, DEPOSIT_OR_WITHDRAWAL, MMDD_TIME, NAME_LAZY } from 'src/banks/formats/patterns';

const SENDER = '15885000';

export const WOORI_FORMATS: BankSmsFormat[] = [
  {
    id: 'woori',
    bankCode: '020',
    evidence: 'REAL',
    description: '우리 MM/DD HH:mm / *846950 / 입금 amount원 / name / 잔액 balance원 (optional)',
    header: /^우리 \d/,
    fields: [
      { role: 'header', pattern: '우리' },
      { role: 'datetime', pattern: MMDD_TIME },
      { role: 'account', pattern: String.raw`(?<account>[\d*]*\*[\d*]*|\d{4,})` },
      { role: 'direction', pattern: DEPOSIT_OR_WITHDRAWAL },
      { role: 'amount', pattern: String.raw`${AMOUNT}\s*원` },
      { role: 'name', pattern: NAME_LAZY },
      { role: 'balance', pattern: BALANCE, optional: true },
    ],
    samples: [
      {
        source: 'BANK-SMS.md §3.3 sample 1 (REAL-ish unit test)',
        sender: SENDER,
        receivedAt: '2025-09-02T03:48:30+09:00',
        text: '[Web발신]\n우리 09/02 03:48\n*846950\n입금 3,500,000원\n생활비\n잔액 2,222,222원',
        expected: {
          kind: 'deposit',
          amount: 3500000,
          name: '생활비',
          balance: 2222222,
          accountHint: '*846950',
          occurredAt: '2025-09-01T18:48:00.000Z',
        },
      },
      {
        source: 'BANK-SMS.md §3.3 sample 2 (REAL, no 잔액, no comma)',
        sender: '+8215885000',
        receivedAt: '2025-07-21T02:27:30+09:00',
        text: '[Web발신]\n우리 07/21 02:27\n*420576\n입금 1000원\n홍길동9013',
        expected: { kind: 'deposit', amount: 1000, name: '홍길동9013', balance: null },
      },
      {
        source: 'BANK-SMS.md §3.3 sample 3 (REAL-ish withdrawal)',
        sender: SENDER,
        receivedAt: '2025-09-01T09:45:30+09:00',
        text: '[Web발신]\n우리 09/01 09:45\n3450*01\n출금 5,000원\n페이코제로페이\n잔액 1,111,111원',
        expected: {
          kind: 'withdrawal',
          amount: 5000,
          name: '페이코제로페이',
          balance: 1111111,
          accountHint: '3450*01',
        },
      },
      {
        source: 'BANK-SMS.md §3.3 sample 4 (REAL-ish, spaced [Web발신])',
        sender: SENDER,
        receivedAt: '2025-06-25T08:04:30+09:00',
        text: '[Web발신] 우리 06/25 08:04\n*120000\n출금 9,000원\n씨유(CU)옥길헤\n잔액 18,058원',
        expected: { kind: 'withdrawal', amount: 9000, name: '씨유(CU)옥길헤', balance: 18058 },
      },
    ],
  },
  {
    id: 'woori.2010',
    bankCode: '020',
    evidence: 'REAL-PARSER',
    description:
      '2010: 우리은행 입금MM/DD HH:mm amount원 / name (may carry the sending bank: 국민김철수) / 잔액 balance원 (optional); 지급 = withdrawal',
    // danbi2k/xwinboard TransactionManager.wooriBankProcess (BANK-SMS.md §3.3): line 1 split on
    // spaces is 우리은행 | 입금MM/DD | HH:mm | amount원, line 2 the name, line 3 `잔액 …원`.
    header: /^우리은행 ?(?:입금|출금|지급)/,
    fields: [
      { role: 'header', pattern: '우리은행' },
      { role: 'direction', pattern: DEPOSIT_OR_WITHDRAWAL },
      { role: 'datetime', pattern: MMDD_TIME },
      { role: 'amount', pattern: String.raw`${AMOUNT}\s*원` },
      { role: 'name', pattern: NAME_LAZY },
      { role: 'balance', pattern: BALANCE, optional: true },
    ],
    samples: [
      {
        source: 'BANK-SMS.md §3.3 2010 layout (REAL-PARSER; text CONSTRUCTED from the parser)',
        sender: SENDER,
        receivedAt: '2010-12-23T16:33:10+09:00',
        text: '우리은행 입금12/23 16:32 19,000원\n홍길동\n잔액 6,121,400원',
        expected: {
          kind: 'deposit',
          amount: 19000,
          name: '홍길동',
          balance: 6121400,
          accountHint: null,
          occurredAt: '2010-12-23T07:32:00.000Z',
        },
      },
      {
        source: 'BANK-SMS.md §3.3 2010 layout (REAL-PARSER; the parser strips a bank name off the name line)',
        sender: SENDER,
        receivedAt: '2011-01-01T00:01:10+09:00',
        text: '우리은행 입금12/31 23:58 300,000원\n국민김철수',
        expected: {
          kind: 'deposit',
          amount: 300000,
          name: '국민김철수',
          balance: null,
          occurredAt: '2010-12-31T14:58:00.000Z',
        },
      },
      {
        source: 'BANK-SMS.md §3.3 2010 layout (REAL-PARSER; withdrawals used 지급)',
        sender: SENDER,
        receivedAt: '2010-12-23T18:41:10+09:00',
        text: '우리은행 지급12/23 18:40 50,000원\n이영희\n잔액 6,071,400원',
        expected: { kind: 'withdrawal', amount: 50000, name: '이영희', balance: 6071400 },
      },
    ],
  },
];
