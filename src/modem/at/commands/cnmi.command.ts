import { AtCommand } from 'src/modem/at/at-command';
import { firstPayload, parseRange, splitParams } from './params';

export const CNMI_PREFIX = '+CNMI:';

export const cnmiTestCommand = (): AtCommand => ({
  text: 'AT+CNMI=?',
  prefixes: [CNMI_PREFIX],
  idempotent: true,
});
export const setCnmiCommand = (values: readonly number[]): AtCommand => ({
  text: `AT+CNMI=${values.join(',')}`,
  timeoutFactor: 1,
  idempotent: true,
});

/** `+CNMI: (2),(0-1,3),(0,2),(0-1),(0)` or `+CNMI:(0-3),(0-3),(0-3),(0,1),(0,1)` → ranges per parameter. */
export function parseCnmiTest(lines: readonly string[]): number[][] {
  const payload = firstPayload(lines, CNMI_PREFIX);
  if (payload === null) {
    return [];
  }
  return splitParams(payload).map(parseRange);
}

function pick(offered: number[] | undefined, preferences: readonly number[]): number {
  if (!offered || offered.length === 0) {
    return preferences[0];
  }
  return preferences.find((p) => offered.includes(p)) ?? offered[0];
}

/**
 * Store-and-notify: mode 2 (buffer while the link is busy; else 1), mt 1 (store + `+CMTI`), bm 0
 * (no cell broadcast), ds as offered (0 preferred: we never ask for status reports; ModemManager notes
 * many Qualcomm devices reject ds=1 although they advertise it), bfr 0. Returns candidates to try in
 * order: the negotiated one, then ModemManager/python-gsmmodem style fallbacks.
 */
export function chooseCnmi(offered: readonly number[][]): number[][] {
  const count = offered.length >= 4 ? Math.min(offered.length, 5) : 5;
  const chosen = [
    pick(offered[0], [2, 1, 3]),
    pick(offered[1], [1]),
    pick(offered[2], [0, 2]),
    pick(offered[3], [0, 2, 1]),
    pick(offered[4], [0, 1]),
  ].slice(0, count);
  const candidates = [
    chosen,
    [2, 1, 0, 0, 0],
    [2, 1, 0, 2, 0],
    [2, 1, 0, 0],
    [1, 1, 0, 0, 0],
    [2, 1],
    [1, 1],
  ];
  const seen = new Set<string>();
  return candidates.filter((c) => {
    const key = c.join(',');
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

/** Current setting from `AT+CNMI?` (`+CNMI: 2,1,0,0,0`). */
export const parseCnmiQuery = (lines: readonly string[]): number[] =>
  splitParams(firstPayload(lines, CNMI_PREFIX) ?? '').map(Number);
