import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentMerchant, MerchantGuard } from 'src/api/guards/merchant.guard';
import { BulkResendResult, CallbackResendService, ResendResult } from 'src/callbacks/callback-resend.service';
import { BulkResendDto } from 'src/callbacks/resend.dto';
import { ValidationError } from 'src/common/app-error';
import { MerchantEntity } from 'src/merchants/merchant.entity';

@ApiTags('merchant')
@ApiBearerAuth()
@UseGuards(MerchantGuard)
@Controller('deposits')
export class ResendController {
  constructor(private readonly resends: CallbackResendService) {}

  /**
   * Bulk 수동전송: `{tids: [...]}`, or `{status: "no_response", since: ISO}` for every deposit of
   * that status recorded since then. One immediate manual call each; results per tid.
   */
  @Post('resend')
  @HttpCode(200)
  resendMany(
    @CurrentMerchant() merchant: MerchantEntity,
    @Body() body: BulkResendDto,
  ): Promise<BulkResendResult> {
    if (body.tids && (body.status || body.since)) {
      throw new ValidationError('tids', 'give either tids or status with since, not both');
    }
    if (body.tids) return this.resends.resendMany(merchant, { tids: body.tids });
    if (!body.status) throw new ValidationError('tids', 'give tids, or status with since');
    if (!body.since) throw new ValidationError('since', 'is required with status');
    return this.resends.resendMany(merchant, { status: body.status, since: new Date(body.since) });
  }

  /** 수동전송: one immediate call, logged as manual; an OK makes the deposit `success`. */
  @Post(':tid/resend')
  @HttpCode(200)
  resend(@CurrentMerchant() merchant: MerchantEntity, @Param('tid') tid: string): Promise<ResendResult> {
    return this.resends.resendOne(merchant, tid);
  }
}
