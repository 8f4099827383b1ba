import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from 'src/config/config.module';
import { AppConfig } from 'src/config/env.dto';
import { DatabaseModule } from 'src/database/database.module';
import { MerchantsModule } from 'src/merchants/merchants.module';

/** Just what the database-backed CLI commands need: no HTTP, no modems, no queue. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: CliModule, imports: [ConfigModule.forRoot(config), DatabaseModule, MerchantsModule] };
  }
}
