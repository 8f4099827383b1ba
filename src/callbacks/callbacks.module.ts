import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallbackAttemptEntity } from 'src/callbacks/callback-attempt.entity';
import { DeliveryRepository } from 'src/callbacks/callback-attempt.repository';
import { CallbackDeliveryService } from 'src/callbacks/callback-delivery.service';
import { CallbackProcessor } from 'src/callbacks/callback.processor';
import { CALLBACK_QUEUE } from 'src/callbacks/callback.queue';
import { CallbackScheduler } from 'src/callbacks/callback.scheduler';
import { ResendController } from 'src/callbacks/resend.controller';
import { DepositEntity } from 'src/deposits/deposit.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([DepositEntity, CallbackAttemptEntity]),
    BullModule.registerQueue({ name: CALLBACK_QUEUE }),
  ],
  controllers: [ResendController],
  providers: [DeliveryRepository, CallbackDeliveryService, CallbackScheduler, CallbackProcessor],
  exports: [CallbackScheduler, CallbackDeliveryService, DeliveryRepository],
})
export class CallbacksModule {}
