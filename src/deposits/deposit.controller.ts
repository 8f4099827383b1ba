import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentMerchant, MerchantGuard } from 'src/api/guards/merchant.guard';
import { Page } from 'src/common/pagination';
import { DepositQueryDto } from 'src/deposits/deposit.dto';
import { AttemptView, DepositService, DepositView } from 'src/deposits/deposit.service';
import { MerchantEntity } from 'src/merchants/merchant.entity';

@ApiTags('merchant')
@ApiBearerAuth()
@UseGuards(MerchantGuard)
@Controller('deposits')
export class DepositController {
  constructor(private readonly deposits: DepositService) {}

  @Get()
  list(
    @CurrentMerchant() merchant: MerchantEntity,
    @Query() query: DepositQueryDto,
  ): Promise<Page<DepositView>> {
    const { page, pageSize, ...filter } = query;
    return this.deposits.list(merchant.id, filter, { page, pageSize });
  }

  @Get(':tid')
  get(@CurrentMerchant() merchant: MerchantEntity, @Param('tid') tid: string): Promise<DepositView> {
    return this.deposits.get(merchant.id, tid);
  }

  @Get(':tid/attempts')
  attempts(@CurrentMerchant() merchant: MerchantEntity, @Param('tid') tid: string): Promise<AttemptView[]> {
    return this.deposits.attempts(merchant.id, tid);
  }
}
