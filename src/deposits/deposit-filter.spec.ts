import { ValidationError } from 'src/common/app-error';
import { monthRange, resolveDayRange } from 'src/deposits/deposit-filter';

describe('resolveDayRange', () => {
  // 2026-03-01 00:30 KST is still 2026-02-28 in UTC.
  const now = new Date('2026-02-28T15:30:00Z');

  it('should take from/to as inclusive KST days: [00:00 KST of from, 00:00 KST after to)', () => {
    expect(resolveDayRange({ from: '2026-07-04', to: '2026-07-04' }, now)).toEqual({
      from: new Date('2026-07-03T15:00:00Z'),
      to: new Date('2026-07-04T15:00:00Z'),
    });
  });

  it('should leave an open side open', () => {
    expect(resolveDayRange({ from: '2026-07-04' }, now)).toEqual({
      from: new Date('2026-07-03T15:00:00Z'),
      to: undefined,
    });
    expect(resolveDayRange({}, now)).toEqual({ from: undefined, to: undefined });
  });

  it('should count presets in KST days ending today, even when UTC is still on the day before', () => {
    expect(resolveDayRange({ preset: 'today' }, now)).toEqual({
      from: new Date('2026-02-28T15:00:00Z'),
      to: new Date('2026-03-01T15:00:00Z'),
    });
    expect(resolveDayRange({ preset: 'yesterday' }, now)).toEqual({
      from: new Date('2026-02-27T15:00:00Z'),
      to: new Date('2026-02-28T15:00:00Z'),
    });
    expect(resolveDayRange({ preset: '7d' }, now)).toEqual({
      from: new Date('2026-02-22T15:00:00Z'),
      to: new Date('2026-03-01T15:00:00Z'),
    });
    const ninety = resolveDayRange({ preset: '90d' }, now);
    expect((ninety.to!.getTime() - ninety.from!.getTime()) / 86_400_000).toBe(90);
  });

  it('should take a month as its KST days, across a year end', () => {
    expect(resolveDayRange({ month: '2025-12' }, now)).toEqual({
      from: new Date('2025-11-30T15:00:00Z'),
      to: new Date('2025-12-31T15:00:00Z'),
    });
    expect(monthRange('2024-02').to).toEqual(new Date('2024-02-29T15:00:00Z'));
  });

  it('should refuse two kinds of range at once, and from after to', () => {
    expect(() => resolveDayRange({ preset: 'today', month: '2026-01' }, now)).toThrow(ValidationError);
    expect(() => resolveDayRange({ from: '2026-01-01', preset: '7d' }, now)).toThrow(/preset/);
    expect(() => resolveDayRange({ from: '2026-01-02', to: '2026-01-01' }, now)).toThrow(/from/);
  });
});
