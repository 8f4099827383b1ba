import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountController } from 'src/accounts/account.controller';
import { AccountRepository } from 'src/accounts/account.repository';
import { AccountService } from 'src/accounts/account.service';
import { BankAccountEntity } from 'src/accounts/bank-account.entity';
import { callbackUrlLookupProvider } from 'src/accounts/callback-url-lookup';
import { NumbersModule } from 'src/numbers/numbers.module';

@Module({
  imports: [TypeOrmModule.forFeature([BankAccountEntity]), NumbersModule],
  controllers: [AccountController],
  providers: [AccountRepository, AccountService, callbackUrlLookupProvider],
  exports: [AccountService, AccountRepository],
})
export class AccountsModule {}
