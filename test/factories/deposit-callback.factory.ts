import type { DepositCallback } from 'src/callbacks/callback-request';
import { fromKst } from 'src/common/clock';

/** The deposit of CONTRACT.md's callback example (tid 141218182288692), overridable per test. */
export function depositCallback(overrides: Partial<DepositCallback> = {}): DepositCallback {
  return {
    tid: '141218182288692',
    merchantId: 'mch_7',
    bankCode: '004',
    bankName: '국민은행',
    accountId: 'acc_1',
    account: '63301436001',
    amount: 1000000,
    name: '홍길동',
    balance: 5000000,
    depositedAt: fromKst(2014, 12, 18, 18, 23, 0),
    verdict: 'verified',
    memo: '주문 #12',
    attempt: 1,
    ...overrides,
  };
}
