import { fromKst, kstParts } from 'src/common/clock';

export interface DateFields {
  year?: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
}

function validKst(y: number, mo: number, d: number, h: number, mi: number): Date | null {
  const date = fromKst(y, mo, d, h, mi);
  const p = kstParts(date);
  return p.year === y && p.month === mo && p.day === d ? date : null;
}

const HOUR_MS = 3_600_000;

/**
 * The instant an SMS says its transaction happened (KST wall time), given what the layout shows.
 * - full date: taken as is;
 * - MM/DD + time: the year whose instant is closest to the receive time, which gets Dec/Jan
 *   right in both directions (received 2027-01-01 00:03, says 12/31 23:59 -> 2026);
 * - time only (우체국 2010): the receive day, or the day before when that would be in the future;
 * - nothing (케이뱅크 prints no date): null, as CONTRACT.md's `parse` says; the recorder then
 *   dates the deposit by the SMSC time.
 * `receivedAt` falls back to now. Impossible dates give null.
 */
export function resolveOccurredAt(fields: DateFields, receivedAt: Date | undefined): Date | null {
  const ref = receivedAt && !Number.isNaN(receivedAt.getTime()) ? receivedAt : undefined;
  const { year, month, day } = fields;
  const hour = fields.hour ?? 0;
  const minute = fields.minute ?? 0;

  if (month !== undefined && day !== undefined) {
    if (year !== undefined) {
      if (fields.hour === undefined && ref) {
        // Date without time (농협 2010): the receive time if it is that day, else midnight.
        const r = kstParts(ref);
        if (r.year === year && r.month === month && r.day === day) return new Date(ref.getTime());
      }
      return validKst(year, month, day, hour, minute);
    }
    const base = ref ?? new Date();
    const refYear = kstParts(base).year;
    let best: Date | null = null;
    for (const y of [refYear - 1, refYear, refYear + 1]) {
      const candidate = validKst(y, month, day, hour, minute);
      if (
        candidate &&
        (!best || Math.abs(candidate.getTime() - base.getTime()) < Math.abs(best.getTime() - base.getTime()))
      ) {
        best = candidate;
      }
    }
    return best;
  }

  if (fields.hour !== undefined) {
    const base = ref ?? new Date();
    const r = kstParts(base);
    const sameDay = fromKst(r.year, r.month, r.day, hour, minute);
    return sameDay.getTime() > base.getTime() + HOUR_MS
      ? new Date(sameDay.getTime() - 24 * HOUR_MS)
      : sameDay;
  }

  return null;
}
