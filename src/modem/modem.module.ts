import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ModemController } from 'src/modem/modem.controller';
import { ModemEntity } from 'src/modem/modem.entity';
import { ModemRepository } from 'src/modem/modem.repository';
import { ModemService } from 'src/modem/modem.service';
import { NumbersModule } from 'src/numbers/numbers.module';
import { SmsModule } from 'src/sms/sms.module';

@Module({
  imports: [TypeOrmModule.forFeature([ModemEntity]), NumbersModule, SmsModule],
  controllers: [ModemController],
  providers: [ModemRepository, ModemService],
  exports: [ModemService],
})
export class ModemModule {}
