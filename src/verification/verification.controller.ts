import { Controller, Get, Param, ParseUUIDPipe, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentMerchant, MerchantGuard } from 'src/api/guards/merchant.guard';
import { MerchantEntity } from 'src/merchants/merchant.entity';
import { VerificationMessage } from 'src/verification/verification.repository';
import { VerificationService } from 'src/verification/verification.service';

@ApiTags('merchant')
@ApiBearerAuth()
@UseGuards(MerchantGuard)
@Controller('accounts')
export class VerificationController {
  constructor(private readonly verification: VerificationService) {}

  @Get(':id/verification-messages')
  @ApiOperation({
    summary:
      "인증번호수신내역: the bank's verification SMS on the account's number (last VERIFICATION_WINDOW_HOURS, default 24) and 1원 deposits, newest first",
  })
  list(
    @CurrentMerchant() merchant: MerchantEntity,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<VerificationMessage[]> {
    return this.verification.list(merchant.id, id);
  }
}
