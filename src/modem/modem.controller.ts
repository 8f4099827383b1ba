import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminGuard } from 'src/api/guards/admin.guard';
import { ModemEntity } from 'src/modem/modem.entity';
import { ModemService } from 'src/modem/modem.service';

@ApiTags('operator')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller('admin/modems')
export class ModemController {
  constructor(private readonly modems: ModemService) {}

  @Get()
  list(): Promise<Omit<ModemEntity, 'lastSmsAt'>[]> {
    return this.modems.list();
  }
}
