import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccountService } from 'src/accounts/account.service';
import { CurrentMerchant, MerchantGuard } from 'src/api/guards/merchant.guard';
import { CallbackEndpointStatus, CallbackStatusService } from 'src/callbacks/callback-status.service';
import { CallbackDeliveryService } from 'src/callbacks/callback-delivery.service';
import { MerchantEntity } from 'src/merchants/merchant.entity';

export interface TestCallbackResult {
  tid: string;
  success: boolean;
  statusCode: number | null;
  latencyMs: number;
  response: string | null;
  error: string | null;
}

@ApiTags('merchant')
@ApiBearerAuth()
@UseGuards(MerchantGuard)
@Controller('accounts')
export class CallbackStatusController {
  constructor(
    private readonly accounts: AccountService,
    private readonly status: CallbackStatusService,
    private readonly delivery: CallbackDeliveryService,
  ) {}

  /** Is automatic delivery to this account's callback URL paused, since when, and why. */
  @Get(':id/callback-status')
  async callbackStatus(
    @CurrentMerchant() merchant: MerchantEntity,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<CallbackEndpointStatus> {
    const account = await this.accounts.get(merchant.id, id);
    return this.status.of(account.id);
  }

  /**
   * Sends a fake deposit marked as test (`type: deposit.test` in json, `test=1` in query) to the
   * account's callback URL now; an OK resumes a paused endpoint.
   */
  @Post(':id/test-callback')
  @HttpCode(200)
  async testCallback(
    @CurrentMerchant() merchant: MerchantEntity,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<TestCallbackResult> {
    const account = await this.accounts.get(merchant.id, id);
    const outcome = await this.delivery.deliverTest(account, merchant);
    return {
      tid: outcome.tid,
      success: outcome.ok,
      statusCode: outcome.statusCode,
      latencyMs: outcome.latencyMs,
      response: outcome.bodySnippet,
      error: outcome.error,
    };
  }
}
