import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppErrorFilter } from 'src/api/app-error.filter';
import { createValidationPipe } from 'src/api/validation.pipe';
import { AppModule } from 'src/app.module';
import { AppConfig } from 'src/config/env.dto';

export const API_PREFIX = 'api/v1';

/** The whole gateway as one Nest application; used by main.ts, the demo and the e2e tests. */
/** `shutdownHooks`: close on SIGTERM/SIGINT (production); the demo and tests manage their own lifecycle. */
export async function createApp(
  config: AppConfig,
  options: { shutdownHooks?: boolean } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AppErrorFilter());
  if (options.shutdownHooks ?? true) app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Ipgeum')
      .setDescription('Real-time bank-deposit notification gateway: merchant and operator API')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}
