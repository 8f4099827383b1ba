import { SelectQueryBuilder } from 'typeorm';
import { ValidationError } from 'src/common/app-error';
import { fromKst, kstDayStart, kstParts } from 'src/common/clock';
import { DepositEntity, DepositStatus, DepositVerdict } from 'src/deposits/deposit.entity';

/**
 * Day-range presets of the 입금통보리스트 page, as KST calendar days ending today, inclusive:
 * `today`, `yesterday` (that day only), `7d` (today and the 6 days before), `15d`, `30d`, `90d`.
 */
export const DEPOSIT_PRESETS = ['today', 'yesterday', '7d', '15d', '30d', '90d'] as const;
export type DepositPreset = (typeof DEPOSIT_PRESETS)[number];

const PRESET_DAYS: Record<DepositPreset, { first: number; last: number }> = {
  today: { first: 0, last: 0 },
  yesterday: { first: -1, last: -1 },
  '7d': { first: -6, last: 0 },
  '15d': { first: -14, last: 0 },
  '30d': { first: -29, last: 0 },
  '90d': { first: -89, last: 0 },
};

/** What a merchant filters by, as the API takes it (days as KST `YYYY-MM-DD`, month `YYYY-MM`). */
export interface DepositCriteria {
  from?: string;
  to?: string;
  preset?: DepositPreset;
  month?: string;
  bankCode?: string;
  accountId?: string;
  name?: string;
  tid?: string;
  status?: DepositStatus;
  verdict?: DepositVerdict;
  minAmount?: number;
  maxAmount?: number;
}

/** The same, resolved for the database: a half-open instant range `[from, to)`. Live rows only. */
export interface DepositFilter extends Omit<DepositCriteria, 'from' | 'to' | 'preset' | 'month'> {
  merchantId: string;
  from?: Date;
  to?: Date;
}

/** The instants `[from, to)` of a day range given as preset, month or from/to (one of them). */
export function resolveDayRange(
  criteria: Pick<DepositCriteria, 'from' | 'to' | 'preset' | 'month'>,
  now: Date,
): { from?: Date; to?: Date } {
  const { from, to, preset, month } = criteria;
  const given = [from || to ? 'from/to' : null, preset ? 'preset' : null, month ? 'month' : null];
  if (given.filter(Boolean).length > 1) {
    throw new ValidationError(preset ? 'preset' : 'month', 'give one of from/to, preset or month');
  }
  if (preset) {
    const today = kstParts(now);
    const days = PRESET_DAYS[preset];
    return {
      from: fromKst(today.year, today.month, today.day + days.first),
      to: fromKst(today.year, today.month, today.day + days.last + 1),
    };
  }
  if (month) return monthRange(month);
  if (from && to && from > to) throw new ValidationError('from', 'must not be after to');
  return { from: from ? kstDayStart(from) : undefined, to: to ? kstDayStart(to, 1) : undefined };
}

/** `[first instant, first instant of the next month)` of a KST month `YYYY-MM`. */
export function monthRange(month: string): { from: Date; to: Date } {
  const [year, number] = month.split('-').map(Number);
  return { from: fromKst(year, number, 1), to: fromKst(year, number + 1, 1) };
}

/** Live deposits of one merchant that match the filter; list, totals, statistics and export share it. */
export function applyDepositFilter(
  query: SelectQueryBuilder<DepositEntity>,
  alias: string,
  filter: DepositFilter,
): SelectQueryBuilder<DepositEntity> {
  query
    .withDeleted()
    .where(`${alias}.merchant_id = :merchantId`, { merchantId: filter.merchantId })
    .andWhere(`${alias}.deleted_at IS NULL`);
  const conditions: [unknown, string, Record<string, unknown>][] = [
    [filter.from, `${alias}.deposited_at >= :from`, { from: filter.from }],
    [filter.to, `${alias}.deposited_at < :to`, { to: filter.to }],
    [filter.bankCode, `${alias}.bank_code = :bankCode`, { bankCode: filter.bankCode }],
    [filter.accountId, `${alias}.account_id = :accountId`, { accountId: filter.accountId }],
    [filter.tid, `${alias}.tid = :tid`, { tid: filter.tid }],
    [filter.status, `${alias}.status = :status`, { status: filter.status }],
    [filter.verdict, `${alias}.verdict = :verdict`, { verdict: filter.verdict }],
    [filter.minAmount !== undefined, `${alias}.amount >= :minAmount`, { minAmount: filter.minAmount }],
    [filter.maxAmount !== undefined, `${alias}.amount <= :maxAmount`, { maxAmount: filter.maxAmount }],
    [bareName(filter), ...nameCondition(nameKey(alias), filter.name ?? '')],
  ];
  for (const [given, condition, parameters] of conditions) {
    if (given) query.andWhere(condition, parameters);
  }
  return query;
}

/** The stored depositor name as the name filter compares it: without spaces. */
export function nameKey(alias: string): string {
  return `replace(${alias}.depositor_name, ' ', '')`;
}

/** The name filter without spaces, or undefined when it is absent or blank. */
export function bareName(filter: Pick<DepositFilter, 'name'>): string | undefined {
  return filter.name?.replace(/\s+/g, '') || undefined;
}

/**
 * A 1–2 character name (no trigram to search by): the condition on a name without spaces `key`,
 * true for every deposit whose name it is when the name filter matches. It depends on the name
 * only, so a total can test each of a merchant's distinct names once (ix_deposits_name).
 */
export function shortNameCondition(key: string, name: string): [string, Record<string, unknown>] | null {
  const bare = name.replace(/\s+/g, '');
  return bare && [...bare].length < 3 ? nameCondition(key, bare) : null;
}

/**
 * Partial match ignoring spaces on both sides. From 3 characters on, a LIKE the trigram index
 * (ix_deposits_name_trgm) serves; a shorter term has no trigram, so it is a plain substring test
 * the planner cannot send to that index (a full GIN scan). Hangul and digits have no case: byte
 * comparison then, where ILIKE would lowercase every stored name first (three times slower).
 */
function nameCondition(stored: string, name: string): [string, Record<string, unknown>] {
  const bare = name.replace(/\s+/g, '');
  const caseless = bare.toLowerCase() === bare.toUpperCase();
  if ([...bare].length >= 3) {
    const pattern = `%${bare.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return [`${stored} ${caseless ? 'LIKE' : 'ILIKE'} :name`, { name: pattern }];
  }
  return caseless
    ? [`strpos(${stored}, :name) > 0`, { name: bare }]
    : [`strpos(lower(${stored}), :name) > 0`, { name: bare.toLowerCase() }];
}
