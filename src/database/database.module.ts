import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from 'src/config/env.dto';
import { dataSourceOptions, ensureDatabaseExists } from 'src/database/database-options';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        await ensureDatabaseExists(config.databaseUrl);
        return { ...dataSourceOptions(config.databaseUrl), migrationsRun: !config.skipMigrations };
      },
    }),
  ],
})
export class DatabaseModule {}
