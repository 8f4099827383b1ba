import type { BankSmsFormat } from 'src/banks/bank-sms-format';
import { AMOUNT, BALANCE, MMDD_TIME, NAME_LAZY } from 'src/banks/formats/patterns';

/**
 * KB국민 type line (BANK-SMS.md §3.1): 입금 | 전자금융입금 | FBS입금 | 출금 | 체크카드출금 | …, and
 * reversals (출금취소, 승인취소). Channel prefixes seen in parsers are accepted in front of 입금/출금.
 */
const KB_DIR = String.raw`(?<dir>(?:전자금융|FBS|체크카드|공동CMS|CMS|지로|KB카드|ATM|인터넷|타행|자동|모바일|스마트폰|오픈뱅킹|간편이체|현금)?(?:입금|출금|지급)(?:취소)?|공동CMS출|인터넷출금이|승인취소)`;

const SENDER = '16449999';

export const KB_FORMATS: BankSmsFormat[] = [
  {
    id: 'kb',
    bankCode: '004',
    evidence: 'REAL',
    description: '[KB]MM/DD HH:mm / 123456**789 / name / type / amount (no 원) / 잔액… (optional)',
    header: /^\[KB\]/,
    fields: [
      { role: 'header', pattern: String.raw`\[KB\]` },
      { role: 'datetime', pattern: MMDD_TIME },
      { role: 'account', pattern: String.raw`(?<account>\d{3,6}\*{2,}\d{2,6})` },
      { role: 'name', pattern: NAME_LAZY },
      { role: 'direction', pattern: KB_DIR },
      { role: 'amount', pattern: String.raw`${AMOUNT}\s*원?` },
      { role: 'balance', pattern: BALANCE, optional: true },
    ],
    samples: [
      {
        source: 'BANK-SMS.md §3.1 sample 1 (REAL)',
        sender: SENDER,
        receivedAt: '2025-07-04T15:24:20+09:00',
        text: '[KB]07/04 15:24\n123456**789\n홍길동\n입금\n600,000\n잔액1,320,000',
        expected: {
          kind: 'deposit',
          amount: 600000,
          name: '홍길동',
          balance: 1320000,
          accountHint: '123456**789',
          occurredAt: '2025-07-04T06:24:00.000Z',
        },
      },
      {
        source: 'BANK-SMS.md §3.1 sample 2 (REAL, no 잔액)',
        sender: '1644-9999',
        receivedAt: '2024-04-06T16:15:09+09:00',
        text: '[Web발신]\n[KB]04/06 16:15\n123456**789\n김영희\n전자금융입금\n55,000',
        expected: {
          kind: 'deposit',
          amount: 55000,
          name: '김영희',
          balance: null,
          occurredAt: '2024-04-06T07:15:00.000Z',
        },
      },
      {
        source: 'BANK-SMS.md §3.1 sample 3 (REAL, FBS)',
        sender: SENDER,
        receivedAt: '2024-04-05T10:25:40+09:00',
        text: '[Web발신]\n[KB]04/05 10:25\n123456**789\n이철수\nFBS입금\n11,000',
        expected: { kind: 'deposit', amount: 11000, name: '이철수', balance: null },
      },
      {
        source: 'BANK-SMS.md §3.1 sample 4 (REAL, withdrawal)',
        sender: SENDER,
        receivedAt: '2025-07-07T18:29:30+09:00',
        text: '[KB]07/07 18:29\n123456**314\n박민수\n출금\n2,960,000\n잔액560,000',
        expected: {
          kind: 'withdrawal',
          amount: 2960000,
          name: '박민수',
          balance: 560000,
          accountHint: '123456**314',
        },
      },
      {
        source: 'BANK-SMS.md §3.1 sample 5 (REAL, check card)',
        sender: SENDER,
        receivedAt: '2025-02-05T22:47:30+09:00',
        text: '[Web발신]\n[KB]02/05 22:47\n123456**775\n스타벅스\n체크카드출금\n11,940\n잔액45,091',
        expected: { kind: 'withdrawal', amount: 11940, name: '스타벅스', balance: 45091 },
      },
      {
        source: 'BANK-SMS.md §3.1 sample 6 (REAL, check card, no 잔액)',
        sender: SENDER,
        receivedAt: '2025-04-08T21:27:30+09:00',
        text: '[Web발신]\n[KB]04/08 21:27\n123456**554\n주식회사개성\n체크카드출금\n13,000',
        expected: { kind: 'withdrawal', amount: 13000, name: '주식회사개성', balance: null },
      },
      {
        source: 'BANK-SMS.md §3.1 flattened variant (REAL, luckybank comment)',
        sender: SENDER,
        receivedAt: '2026-01-15T16:24:30+09:00',
        text: '[Web발신][KB]01/15 16:24 676337**736송선한전자금융입금100',
        expected: {
          kind: 'deposit',
          amount: 100,
          name: '송선한',
          balance: null,
          accountHint: '676337**736',
          occurredAt: '2026-01-15T07:24:00.000Z',
        },
      },
    ],
  },
  {
    id: 'kb.reversal',
    bankCode: '004',
    evidence: 'REAL-PARSER',
    description:
      '[KB]MM/DD HH:mm / 출금취소|승인취소 / amount원: money coming back, not a payer deposit (§5)',
    header: /^\[KB\]/,
    fields: [
      { role: 'header', pattern: String.raw`\[KB\]` },
      { role: 'datetime', pattern: MMDD_TIME },
      { role: 'direction', pattern: String.raw`(?<dir>(?:출금|승인|입금|체크카드출금|전자금융출금)취소)` },
      { role: 'amount', pattern: String.raw`${AMOUNT}\s*원?` },
      { role: 'balance', pattern: BALANCE, optional: true },
    ],
    samples: [
      {
        source: 'BANK-SMS.md §3.1 reversals (MoneyTalk test data)',
        sender: SENDER,
        receivedAt: '2027-01-01T00:03:00+09:00',
        text: '[KB]12/31 23:50\n출금취소\n10,000원',
        expected: { kind: 'other', amount: 10000, occurredAt: '2026-12-31T14:50:00.000Z' },
      },
      {
        source: 'BANK-SMS.md §3.1 reversals (MoneyTalk test data)',
        sender: SENDER,
        receivedAt: '2026-01-05T10:29:30+09:00',
        text: '[KB]01/05 10:29\n승인취소\n10,000원',
        expected: { kind: 'other', amount: 10000 },
      },
    ],
  },
];
