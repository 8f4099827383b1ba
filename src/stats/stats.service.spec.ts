import { daysOfMonth, fillPeriods } from 'src/stats/stats.service';

describe('statistics periods', () => {
  it('should list every day of a month, leap February included', () => {
    expect(daysOfMonth('2024-02')).toHaveLength(29);
    expect(daysOfMonth('2026-02')).toHaveLength(28);
    expect(daysOfMonth('2026-12').at(-1)).toBe('2026-12-31');
    expect(daysOfMonth('2026-04')[0]).toBe('2026-04-01');
  });

  it('should keep the order of the periods and fill the ones without deposits with zeros', () => {
    expect(
      fillPeriods(['2026-01', '2026-02', '2026-03'], [{ period: '2026-02', count: 2, amount: 3000 }]),
    ).toEqual([
      { period: '2026-01', count: 0, amount: 0 },
      { period: '2026-02', count: 2, amount: 3000 },
      { period: '2026-03', count: 0, amount: 0 },
    ]);
  });
});
