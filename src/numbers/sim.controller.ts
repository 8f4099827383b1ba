import {
  Body,
  Controller,
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
import { toNationalDigits } from 'src/common/phone-number';
import { UpdateSimDto } from 'src/numbers/sim.dto';
import { EvacuationReport, NumbersService, SimView } from 'src/numbers/numbers.service';

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

  @Post(':id/evacuate')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Disable a SIM and move every account on it to another number by the allocation rules; accounts no SIM can take stay and are listed as stranded',
  })
  evacuate(@Param('id', new ParseUUIDPipe()) id: string): Promise<EvacuationReport> {
    return this.numbers.evacuate(id);
  }
}
