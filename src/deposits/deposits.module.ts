import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallbackAttemptEntity } from 'src/callbacks/callback-attempt.entity';
import { CallbacksModule } from 'src/callbacks/callbacks.module';
import { DepositController } from 'src/deposits/deposit.controller';
import { DepositEntity } from 'src/deposits/deposit.entity';
import { DepositExportService } from 'src/deposits/deposit-export.service';
import { DepositTotalsService } from 'src/deposits/deposit-totals.service';
import { DepositRecorder } from 'src/deposits/deposit-recorder.service';
import { DepositRepository } from 'src/deposits/deposit.repository';
import { DepositService } from 'src/deposits/deposit.service';
import { NumbersModule } from 'src/numbers/numbers.module';
import { SmsModule } from 'src/sms/sms.module';

@Module({
  imports: [
    TypeOrmModule.forFeature([DepositEntity, CallbackAttemptEntity]),
    CallbacksModule,
    NumbersModule,
    SmsModule,
  ],
  controllers: [DepositController],
  providers: [DepositRepository, DepositService, DepositExportService, DepositRecorder, DepositTotalsService],
  exports: [DepositService],
})
export class DepositsModule {}
