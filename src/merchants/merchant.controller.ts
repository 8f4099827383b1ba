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
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminGuard } from 'src/api/guards/admin.guard';
import { CreateMerchantDto, RotateCallbackSecretDto, UpdateMerchantDto } from 'src/merchants/merchant.dto';
import {
  ApiKeyView,
  CreatedApiKey,
  CreatedMerchant,
  MerchantService,
  MerchantView,
  RotatedCallbackSecret,
} from 'src/merchants/merchant.service';

@ApiTags('operator')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller('admin/merchants')
export class MerchantController {
  constructor(private readonly merchants: MerchantService) {}

  @Post()
  @ApiOperation({ summary: 'Create a merchant; its first API key and callback secret are shown once' })
  create(@Body() body: CreateMerchantDto): Promise<CreatedMerchant> {
    return this.merchants.create({ name: body.name, serviceUntil: dateOnly(body.serviceUntil) });
  }

  @Get()
  @ApiOperation({ summary: 'Every merchant with its service period (이용기간)' })
  list(): Promise<MerchantView[]> {
    return this.merchants.list();
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the name or the service period (null = unlimited)' })
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateMerchantDto,
  ): Promise<MerchantView> {
    return this.merchants.update(id, { name: body.name, serviceUntil: dateOnly(body.serviceUntil) });
  }

  @Post(':id/api-keys')
  @ApiOperation({ summary: 'Issue another API key (shown once); existing keys keep working' })
  createApiKey(@Param('id', new ParseUUIDPipe()) id: string): Promise<CreatedApiKey> {
    return this.merchants.createApiKey(id);
  }

  @Get(':id/api-keys')
  @ApiOperation({ summary: "The merchant's API keys: prefix, created, last used, revoked" })
  listApiKeys(@Param('id', new ParseUUIDPipe()) id: string): Promise<ApiKeyView[]> {
    return this.merchants.listApiKeys(id);
  }

  @Delete(':id/api-keys/:keyId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key: requests with it answer 401 from now on' })
  revokeApiKey(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('keyId', new ParseUUIDPipe()) keyId: string,
  ): Promise<void> {
    return this.merchants.revokeApiKey(id, keyId);
  }

  @Post(':id/callback-secret')
  @ApiOperation({
    summary:
      'Rotate the callback secret (shown once); the previous one also signs for graceHours (default 24)',
  })
  rotateCallbackSecret(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RotateCallbackSecretDto,
  ): Promise<RotatedCallbackSecret> {
    return this.merchants.rotateCallbackSecret(id, body.graceHours);
  }
}

function dateOnly<T extends string | null | undefined>(value: T): T {
  return (typeof value === 'string' ? value.slice(0, 10) : value) as T;
}
