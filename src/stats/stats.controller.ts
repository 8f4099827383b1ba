import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentMerchant, MerchantGuard } from 'src/api/guards/merchant.guard';
import { MerchantEntity } from 'src/merchants/merchant.entity';
import { DailyStatsQueryDto, MonthlyStatsQueryDto } from 'src/stats/stats.dto';
import { DailyStats, MonthlyStats, StatsService } from 'src/stats/stats.service';

@ApiTags('merchant')
@ApiBearerAuth()
@UseGuards(MerchantGuard)
@Controller('stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  /** 사용량통계: count and sum per KST day of a month. */
  @Get('daily')
  daily(
    @CurrentMerchant() merchant: MerchantEntity,
    @Query() query: DailyStatsQueryDto,
  ): Promise<DailyStats> {
    const { month, ...filter } = query;
    return this.stats.daily(merchant.id, month, filter);
  }

  /** Count and sum per KST month of a year. */
  @Get('monthly')
  monthly(
    @CurrentMerchant() merchant: MerchantEntity,
    @Query() query: MonthlyStatsQueryDto,
  ): Promise<MonthlyStats> {
    const { year, ...filter } = query;
    return this.stats.monthly(merchant.id, year, filter);
  }
}
