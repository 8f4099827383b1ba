import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MerchantGuard } from 'src/api/guards/merchant.guard';
import { BANKS } from 'src/banks/bank-registry';
import { formatPhoneNumber } from 'src/common/phone-number';

export interface BankView {
  code: string;
  name: string;
  senders: string[];
  smsSignupGuide: string;
}

@ApiTags('merchant')
@ApiBearerAuth()
@UseGuards(MerchantGuard)
@Controller('banks')
export class BankController {
  @Get()
  list(): BankView[] {
    return BANKS.map((bank) => ({
      code: bank.code,
      name: bank.name,
      senders: bank.senders.map(formatServiceNumber),
      smsSignupGuide: bank.smsSignupGuide,
    }));
  }
}

/** 16449999 -> 1644-9999; other forms as the phone formatter gives them. */
function formatServiceNumber(digits: string): string {
  return /^1\d{7}$/.test(digits)
    ? `${digits.slice(0, 4)}-${digits.slice(4)}`
    : (formatPhoneNumber(digits) ?? digits);
}
