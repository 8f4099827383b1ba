import { distinguishableInSms, sameSmsBanks } from 'src/numbers/sms-account-masks';

/**
 * The allocation rules as a pure function over what the database holds, so the same code decides
 * a registration, an evacuation and the property test's expectations are checked against it.
 */
export interface AllocationRequest {
  merchantId: string;
  bankCode: string;
  accountNumber: string;
}

/** An eligible SIM (enabled, number known, modem healthy recently), least loaded first. */
export interface SimCandidate {
  simId: string;
  load: number;
  capacity: number;
}

/** A live account already on a candidate SIM, of a bank in the request's SMS group. */
export interface PlacedAccount extends AllocationRequest {
  simId: string;
}

export type SimRefusal = 'full' | 'other_merchant_same_bank' | 'indistinguishable';

export type AllocationChoice = { simId: string; refusals: null } | { simId: null; refusals: SimRefusal[] };

/** Why this SIM cannot take the account (rules 1-3), or null when it can. */
export function refuseSim(
  request: AllocationRequest,
  candidate: SimCandidate,
  placed: readonly PlacedAccount[],
): SimRefusal | null {
  if (candidate.load >= candidate.capacity) return 'full';
  const group = new Set(sameSmsBanks(request.bankCode));
  const sameBank = placed.filter((a) => a.simId === candidate.simId && group.has(a.bankCode));
  // Rule 1: another merchant would see this bank's verification SMS and could receive its deposits.
  if (sameBank.some((a) => a.merchantId !== request.merchantId)) return 'other_merchant_same_bank';
  // Rule 2: the merchant's own accounts of the bank share only when the SMS tells them apart.
  if (sameBank.some((a) => !distinguishableInSms(a, request))) return 'indistinguishable';
  return null;
}

/** Rule 3: the first SIM, in least-loaded order, that no rule refuses. */
export function chooseSim(
  request: AllocationRequest,
  candidates: readonly SimCandidate[],
  placed: readonly PlacedAccount[],
): AllocationChoice {
  const refusals: SimRefusal[] = [];
  for (const candidate of candidates) {
    const refusal = refuseSim(request, candidate, placed);
    if (!refusal) return { simId: candidate.simId, refusals: null };
    refusals.push(refusal);
  }
  return { simId: null, refusals };
}
