import { BullModule } from '@nestjs/bull';
import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { LoggerModule } from 'nestjs-pino';
import { AccountsModule } from 'src/accounts/accounts.module';
import { BanksModule } from 'src/banks/banks.module';
import { CallbacksModule } from 'src/callbacks/callbacks.module';
import { rootLogger } from 'src/common/logger';
import { ConfigModule } from 'src/config/config.module';
import { AppConfig } from 'src/config/env.dto';
import { DatabaseModule } from 'src/database/database.module';
import { DepositsModule } from 'src/deposits/deposits.module';
import { MerchantsModule } from 'src/merchants/merchants.module';
import { ModemModule } from 'src/modem/modem.module';
import { NumbersModule } from 'src/numbers/numbers.module';
import { SmsModule } from 'src/sms/sms.module';
import { VerificationModule } from 'src/verification/verification.module';
import { StatsModule } from 'src/stats/stats.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            logger: rootLogger.child({ module: 'http' }),
            autoLogging: { ignore: (req) => req.url === '/health' },
          },
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        }),
        EventEmitterModule.forRoot(),
        DatabaseModule,
        BullModule.forRoot({ redis: config.redisUrl, prefix: config.queuePrefix }),
        MerchantsModule,
        BanksModule,
        NumbersModule,
        AccountsModule,
        VerificationModule,
        SmsModule,
        CallbacksModule,
        DepositsModule,
        StatsModule,
        ModemModule,
      ],
    };
  }
}
