// Used by the TypeORM CLI (npm run migration:*) only; the app builds its DataSource in DatabaseModule.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from 'src/config/env.dto';
import { dataSourceOptions } from 'src/database/database-options';

export default new DataSource(dataSourceOptions(loadConfig().databaseUrl));
