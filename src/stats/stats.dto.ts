import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { DepositBaseFilterDto, MONTH } from 'src/deposits/deposit.dto';

export class DailyStatsQueryDto extends DepositBaseFilterDto {
  /** A KST calendar month. */
  @Matches(MONTH, { message: 'month must be a month YYYY-MM' })
  month: string;
}

export class MonthlyStatsQueryDto extends DepositBaseFilterDto {
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2999)
  year: number;
}
