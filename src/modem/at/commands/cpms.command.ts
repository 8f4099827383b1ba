import { AtCommand } from 'src/modem/at/at-command';
import { firstPayload, parseList, splitParams, toInt, unquote } from './params';

export const CPMS_PREFIX = '+CPMS:';
export const PREFERRED_STORAGES: readonly string[] = ['SM', 'ME', 'MT'];

export const storageTestCommand = (): AtCommand => ({
  text: 'AT+CPMS=?',
  prefixes: [CPMS_PREFIX],
  idempotent: true,
});
export const storageQueryCommand = (): AtCommand => ({
  text: 'AT+CPMS?',
  prefixes: [CPMS_PREFIX],
  idempotent: true,
});
export function setStorageCommand(...memories: string[]): AtCommand {
  return {
    text: `AT+CPMS=${memories.map((m) => `"${m}"`).join(',')}`,
    prefixes: [CPMS_PREFIX],
    idempotent: true,
  };
}

/**
 * `+CPMS: ("SM","ME"),("SM","ME"),("SM","ME")` → [[SM,ME],[SM,ME],[SM,ME]]; Wavecom's nested
 * `(("SM","BM","SR"),("SM"))` → [[SM,BM,SR],[SM]]; empty `+CPMS: ` → [].
 */
export function parseStorageTest(lines: readonly string[]): string[][] {
  const payload = firstPayload(lines, CPMS_PREFIX);
  if (!payload) {
    return [];
  }
  let groups = splitParams(payload);
  // Wavecom wraps the groups in one more pair: `(("SM","BM","SR"),("SM"))`.
  if (groups.length === 1 && /^\(\s*\(/.test(groups[0])) {
    groups = splitParams(groups[0].replace(/^\(/, '').replace(/\)$/, ''));
  }
  if (groups.some((g) => g.startsWith('('))) {
    return groups.map(parseList);
  }
  // No parentheses: one flat list of memories offered for mem1 only.
  return [groups.map(unquote).filter((g) => g !== '')];
}

/**
 * mem1 (read/delete), mem2 (write), mem3 (where new messages land): prefer SM, then ME, then MT, else
 * the first offered. With nothing usable offered, SM for all three (the brief's default).
 */
export function chooseStorages(offered: readonly string[][]): string[] {
  const slots = offered.filter((slot) => slot.length > 0).slice(0, 3);
  if (slots.length === 0) {
    return ['SM', 'SM', 'SM'];
  }
  return slots.map((slot) => PREFERRED_STORAGES.find((pref) => slot.includes(pref)) ?? slot[0]);
}

export interface StorageStatus {
  memory: string | null;
  used: number;
  total: number;
}

/**
 * Query form `+CPMS: "SM",3,30,"SM",3,30,"SM",3,30` or set form `+CPMS: 3,30,3,30,3,30`.
 * Returns one entry per memory slot found.
 */
export function parseStorageStatus(lines: readonly string[]): StorageStatus[] {
  const payload = firstPayload(lines, CPMS_PREFIX);
  if (!payload) {
    return [];
  }
  const params = splitParams(payload);
  const out: StorageStatus[] = [];
  let i = 0;
  while (i < params.length) {
    let memory: string | null = null;
    if (toInt(params[i]) === null) {
      memory = unquote(params[i]) || null;
      i += 1;
    }
    const used = toInt(params[i]);
    const total = toInt(params[i + 1]);
    if (used === null || total === null) {
      break;
    }
    out.push({ memory, used, total });
    i += 2;
  }
  return out;
}
