import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminGuard } from 'src/api/guards/admin.guard';
import { CreateMerchantDto, UpdateMerchantDto } from 'src/merchants/merchant.dto';
import { CreatedMerchant, MerchantService, MerchantView } from 'src/merchants/merchant.service';

@ApiTags('operator')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller('admin/merchants')
export class MerchantController {
  constructor(private readonly merchants: MerchantService) {}

  @Post()
  create(@Body() body: CreateMerchantDto): Promise<CreatedMerchant> {
    return this.merchants.create({ name: body.name, serviceUntil: dateOnly(body.serviceUntil) });
  }

  @Get()
  list(): Promise<MerchantView[]> {
    return this.merchants.list();
  }

  @Patch(':id')
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateMerchantDto,
  ): Promise<MerchantView> {
    return this.merchants.update(id, { name: body.name, serviceUntil: dateOnly(body.serviceUntil) });
  }
}

function dateOnly<T extends string | null | undefined>(value: T): T {
  return (typeof value === 'string' ? value.slice(0, 10) : value) as T;
}
