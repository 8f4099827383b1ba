/**
 * Bank SMS show an account number masked (`123456**789`, `*846950`, `110-123-456***`). A hint
 * matches an account when its visible digit groups line up with the account's digits: the group
 * before the first mask run is a prefix, the group after the last one is a suffix.
 */
export function accountMatchesHint(accountNumber: string, hint: string): boolean {
  const groups = hint.replace(/[-\s]/g, '').split(/[*xX#]+/);
  const digits = accountNumber.replace(/\D/g, '');
  if (groups.length === 1) {
    return digits === groups[0] || (groups[0].length >= 4 && digits.endsWith(groups[0]));
  }
  const prefix = groups[0].replace(/\D/g, '');
  const suffix = groups[groups.length - 1].replace(/\D/g, '');
  if (prefix.length + suffix.length === 0) return false;
  return (
    digits.startsWith(prefix) && digits.endsWith(suffix) && digits.length >= prefix.length + suffix.length
  );
}

/** How many leading and trailing digits a bank's SMS shows (BANK-SMS.md per-bank layouts). */
export interface VisibleDigits {
  leading: number;
  trailing: number;
}

/** The part of an account number an SMS of that bank would show; two accounts with the same key cannot be told apart. */
export function visibleKey(accountNumber: string, visible: VisibleDigits | null): string | null {
  if (!visible) return null;
  const digits = accountNumber.replace(/\D/g, '');
  return `${digits.slice(0, visible.leading)}|${visible.trailing > 0 ? digits.slice(-visible.trailing) : ''}`;
}
