import { Module } from '@nestjs/common';
import { BankController } from 'src/banks/bank.controller';

/** The registry and parsers are pure code; this module only exposes them over REST. */
@Module({ controllers: [BankController] })
export class BanksModule {}
