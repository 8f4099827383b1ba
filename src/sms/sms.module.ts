import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NumbersModule } from 'src/numbers/numbers.module';
import { InboundSmsController } from 'src/sms/inbound-sms.controller';
import { InboundSmsEntity } from 'src/sms/inbound-sms.entity';
import { InboundSmsRepository } from 'src/sms/inbound-sms.repository';
import { SmsPartEntity } from 'src/sms/sms-part.entity';
import { SmsInboxService } from 'src/sms/sms-inbox.service';
import { SmsPartRepository } from 'src/sms/multipart/sms-part.repository';

@Module({
  imports: [TypeOrmModule.forFeature([InboundSmsEntity, SmsPartEntity]), NumbersModule],
  controllers: [InboundSmsController],
  providers: [InboundSmsRepository, SmsPartRepository, SmsInboxService],
  exports: [SmsInboxService, InboundSmsRepository],
})
export class SmsModule {}
