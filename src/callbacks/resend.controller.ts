import { Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentMerchant, MerchantGuard } from 'src/api/guards/merchant.guard';
import { NotFoundError } from 'src/common/app-error';
import { DeliveryRepository } from 'src/callbacks/callback-attempt.repository';
import { CallbackDeliveryService } from 'src/callbacks/callback-delivery.service';
import { MerchantEntity } from 'src/merchants/merchant.entity';

export interface ResendResult {
  tid: string;
  success: boolean;
  statusCode: number | null;
  error: string | null;
}

@ApiTags('merchant')
@ApiBearerAuth()
@UseGuards(MerchantGuard)
@Controller('deposits')
export class ResendController {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly delivery: CallbackDeliveryService,
  ) {}

  /** 수동전송: one immediate call, logged as manual; an OK makes the deposit `success`. */
  @Post(':tid/resend')
  @HttpCode(200)
  async resend(
    @CurrentMerchant() merchant: MerchantEntity,
    @Param('tid') tid: string,
  ): Promise<ResendResult> {
    const target = await this.deliveries.loadByTid(merchant.id, tid);
    if (!target || target.deposit.deletedAt) throw new NotFoundError('deposit', { tid });
    const outcome = await this.delivery.deliverManual(target);
    return { tid, success: outcome.ok, statusCode: outcome.statusCode, error: outcome.error };
  }
}
