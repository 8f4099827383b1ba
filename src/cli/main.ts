#!/usr/bin/env node
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { CliModule } from 'src/cli/cli.module';
import { atCommand, scanCommand } from 'src/cli/modem.commands';
import { parseCommand } from 'src/cli/parse.command';
import { AppError } from 'src/common/app-error';
import { loadConfig } from 'src/config/env.dto';
import { MerchantService } from 'src/merchants/merchant.service';

const USAGE = `usage: ipgeum <command>
  parse                                   JSON lines {sender, text, receivedAt?} on stdin -> parse results
  merchant create --name <name> [--service-until YYYY-MM-DD]
  modems scan                             serial ports, each probed with AT
  at <port> <command>                     send one AT command and print the reply`;

async function merchantCreate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { name: { type: 'string' }, 'service-until': { type: 'string' } },
  });
  if (!values.name?.trim()) throw new UsageError('--name is required');
  const serviceUntil = values['service-until'];
  if (serviceUntil !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(serviceUntil)) {
    throw new UsageError('--service-until must be YYYY-MM-DD');
  }
  const context = await NestFactory.createApplicationContext(CliModule.forRoot(loadConfig()), {
    logger: ['error'],
  });
  try {
    const merchant = await context
      .get(MerchantService)
      .create({ name: values.name, serviceUntil: serviceUntil ?? null });
    process.stdout.write(
      `merchant ${merchant.id} "${merchant.name}"\napiKey:         ${merchant.apiKey}\ncallbackSecret: ${merchant.callbackSecret}\n(shown once: store them now)\n`,
    );
    return 0;
  } finally {
    await context.close();
  }
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  switch (command) {
    case 'parse':
      return parseCommand(process.stdin, process.stdout);
    case 'merchant':
      if (sub === 'create') return merchantCreate(rest);
      break;
    case 'modems':
      if (sub === 'scan') return scanCommand(loadConfig(), process.stdout);
      break;
    case 'at':
      if (sub && rest.length > 0) return atCommand(loadConfig(), sub, rest.join(' '), process.stdout);
      break;
  }
  throw new UsageError(
    command ? `unknown command: ${[command, sub].filter(Boolean).join(' ')}` : 'no command given',
  );
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) process.stderr.write(`${error.message}\n${USAGE}\n`);
    else {
      process.stderr.write(
        `${error instanceof AppError || error instanceof Error ? error.message : String(error)}\n`,
      );
    }
    process.exit(error instanceof UsageError ? 64 : 1);
  },
);
