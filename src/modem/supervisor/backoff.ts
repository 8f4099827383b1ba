/** Exponential backoff: min, 2·min, 4·min … capped at max. `attempt` counts from 1. */
export function backoffDelay(attempt: number, minMs: number, maxMs: number): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  return Math.min(maxMs, minMs * 2 ** exponent);
}
