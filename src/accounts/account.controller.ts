import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentMerchant, MerchantGuard } from 'src/api/guards/merchant.guard';
import { CreateAccountDto, UpdateAccountDto } from 'src/accounts/account.dto';
import { AccountService, AccountView } from 'src/accounts/account.service';
import { MerchantEntity } from 'src/merchants/merchant.entity';

@ApiTags('merchant')
@ApiBearerAuth()
@UseGuards(MerchantGuard)
@Controller('accounts')
export class AccountController {
  constructor(private readonly accounts: AccountService) {}

  @Post()
  create(@CurrentMerchant() merchant: MerchantEntity, @Body() body: CreateAccountDto): Promise<AccountView> {
    return this.accounts.create(merchant.id, body);
  }

  @Get()
  list(@CurrentMerchant() merchant: MerchantEntity): Promise<AccountView[]> {
    return this.accounts.list(merchant.id);
  }

  @Get(':id')
  get(
    @CurrentMerchant() merchant: MerchantEntity,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<AccountView> {
    return this.accounts.get(merchant.id, id);
  }

  @Patch(':id')
  update(
    @CurrentMerchant() merchant: MerchantEntity,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateAccountDto,
  ): Promise<AccountView> {
    return this.accounts.update(merchant.id, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(
    @CurrentMerchant() merchant: MerchantEntity,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<void> {
    return this.accounts.remove(merchant.id, id);
  }
}
