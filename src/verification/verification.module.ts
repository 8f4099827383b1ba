import { Module } from '@nestjs/common';
import { AccountsModule } from 'src/accounts/accounts.module';
import { VerificationController } from 'src/verification/verification.controller';
import { VerificationRepository } from 'src/verification/verification.repository';
import { VerificationService } from 'src/verification/verification.service';

@Module({
  imports: [AccountsModule],
  controllers: [VerificationController],
  providers: [VerificationRepository, VerificationService],
})
export class VerificationModule {}
