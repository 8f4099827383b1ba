/** Injected wherever "now" matters, so tests can pin time without fake timers. */
export interface Clock {
  now(): Date;
}

export const SYSTEM_CLOCK: Clock = { now: () => new Date() };

const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** Calendar fields of an instant in Korea Standard Time (no DST since 1988). */
export function kstParts(date: Date): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
} {
  const shifted = new Date(date.getTime() + KST_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

/** The instant of a KST wall-clock time. */
export function fromKst(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - KST_OFFSET_MS);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD HH:mm:ss` in KST, the form merchants' receivers expect (`paydt`). */
export function formatKst(date: Date): string {
  const p = kstParts(date);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/**
 * Start of a KST calendar day given as `YYYY-MM-DD` (plus `addDays`), so inclusive day ranges
 * become `[start(from), start(to, 1))`. A full date-time is taken as the instant it names.
 */
export function kstDayStart(value: string, addDays = 0): Date {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!day) return new Date(value);
  return fromKst(Number(day[1]), Number(day[2]), Number(day[3]) + addDays);
}
