import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from 'src/accounts/accounts.module';
import { CallbackAttemptEntity } from 'src/callbacks/callback-attempt.entity';
import { DeliveryRepository } from 'src/callbacks/callback-attempt.repository';
import { CallbackDeliveryService } from 'src/callbacks/callback-delivery.service';
import { CallbackEndpointEntity } from 'src/callbacks/callback-endpoint.entity';
import { CallbackEndpointRepository } from 'src/callbacks/callback-endpoint.repository';
import { CallbackResendService } from 'src/callbacks/callback-resend.service';
import { CallbackStatusController } from 'src/callbacks/callback-status.controller';
import { CallbackStatusService } from 'src/callbacks/callback-status.service';
import { CallbackProcessor } from 'src/callbacks/callback.processor';
import { CALLBACK_QUEUE } from 'src/callbacks/callback.queue';
import { CallbackScheduler } from 'src/callbacks/callback.scheduler';
import { ResendController } from 'src/callbacks/resend.controller';
import { DepositEntity } from 'src/deposits/deposit.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([DepositEntity, CallbackAttemptEntity, CallbackEndpointEntity]),
    BullModule.registerQueue({ name: CALLBACK_QUEUE }),
    AccountsModule,
  ],
  controllers: [ResendController, CallbackStatusController],
  providers: [
    DeliveryRepository,
    CallbackEndpointRepository,
    CallbackDeliveryService,
    CallbackResendService,
    CallbackStatusService,
    CallbackScheduler,
    CallbackProcessor,
  ],
  exports: [CallbackScheduler, CallbackDeliveryService, DeliveryRepository],
})
export class CallbacksModule {}
