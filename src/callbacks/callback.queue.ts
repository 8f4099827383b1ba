export const CALLBACK_QUEUE = 'callbacks';
export const DELIVER_JOB = 'deliver';

/** Payloads carry ids; PostgreSQL holds the delivery state. */
export interface DeliverJobData {
  depositId: string;
  attempt: number;
}

/** One job per (deposit, attempt): re-adding after a restart or by the reconciler cannot fork a schedule. */
export function deliverJobId(depositId: string, attempt: number): string {
  return `deposit-${depositId}-attempt-${attempt}`;
}
