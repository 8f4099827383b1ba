import { kstParts } from 'src/common/clock';

/** 거래고유번호: KST `yyMMddHHmm` of the recording time + a 5-digit sequence. */
export function formatTid(recordedAt: Date, sequence: number): string {
  const p = kstParts(recordedAt);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(p.year % 100)}${two(p.month)}${two(p.day)}${two(p.hour)}${two(p.minute)}${String(sequence % 100_000).padStart(5, '0')}`;
}
