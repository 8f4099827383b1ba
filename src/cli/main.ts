#!/usr/bin/env node
import 'reflect-metadata';
import { MERCHANT_USAGE, merchantCommand, UsageError } from 'src/cli/merchant.commands';
import { atCommand, scanCommand } from 'src/cli/modem.commands';
import { parseCommand } from 'src/cli/parse.command';
import { AppError } from 'src/common/app-error';
import { loadConfig } from 'src/config/env.dto';

const USAGE = `usage: ipgeum <command>
  parse                                   JSON lines {sender, text, receivedAt?} on stdin -> parse results
${MERCHANT_USAGE}
  modems scan                             serial ports, each probed with AT
  at <port> <command>                     send one AT command and print the reply`;

async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  switch (command) {
    case 'parse':
      return parseCommand(process.stdin, process.stdout);
    case 'merchant':
      return merchantCommand(sub, rest, process.stdout);
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
