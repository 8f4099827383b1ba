import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminGuard } from 'src/api/guards/admin.guard';
import { Page } from 'src/common/pagination';
import { kstDayStart } from 'src/common/clock';
import { InboundSmsQueryDto } from 'src/sms/inbound-sms.dto';
import { InboundSmsRepository } from 'src/sms/inbound-sms.repository';

export interface InboundSmsView {
  id: string;
  simId: string | null;
  sender: string;
  text: string;
  receivedAt: Date;
  smscTimestamp: Date | null;
  status: string;
  bankCode: string | null;
  error: string | null;
}

@ApiTags('operator')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller('admin/inbound-sms')
export class InboundSmsController {
  constructor(private readonly messages: InboundSmsRepository) {}

  @Get()
  async list(@Query() query: InboundSmsQueryDto): Promise<Page<InboundSmsView>> {
    const page = await this.messages.page(
      {
        status: query.status,
        simId: query.simId,
        from: query.from ? kstDayStart(query.from, 0) : undefined,
        to: query.to ? kstDayStart(query.to, 1) : undefined,
      },
      query,
    );
    return {
      ...page,
      items: page.items.map((sms) => ({
        id: sms.id,
        simId: sms.simId,
        sender: sms.sender,
        text: sms.text,
        receivedAt: sms.receivedAt,
        smscTimestamp: sms.smscTimestamp,
        status: sms.status,
        bankCode: sms.bankCode,
        error: sms.error,
      })),
    };
  }
}
