import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminGuard } from 'src/api/guards/admin.guard';
import { toNationalDigits } from 'src/common/phone-number';
import { UpdateSimDto } from 'src/numbers/sim.dto';
import { NumbersService, SimView } from 'src/numbers/numbers.service';

@ApiTags('operator')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller('admin/sims')
export class SimController {
  constructor(private readonly numbers: NumbersService) {}

  @Get()
  list(): Promise<SimView[]> {
    return this.numbers.listSims();
  }

  @Patch(':id')
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateSimDto): Promise<SimView> {
    return this.numbers.updateSim(id, {
      phoneNumber:
        body.phoneNumber === undefined
          ? undefined
          : body.phoneNumber === null
            ? null
            : toNationalDigits(body.phoneNumber),
      enabled: body.enabled,
      capacity: body.capacity,
    });
  }
}
