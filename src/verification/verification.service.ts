import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from 'src/common/app-error';
import { APP_CONFIG, AppConfig } from 'src/config/env.dto';
import { AccountRepository } from 'src/accounts/account.repository';
import { findBank } from 'src/banks/bank-registry';
import { VerificationMessage, VerificationRepository } from 'src/verification/verification.repository';

/**
 * 인증번호수신내역: what the bank texted the account's notification number while the merchant
 * subscribed its SMS alert. Only the account's own merchant sees it (another merchant's account is
 * 404), only from the bank's official numbers (a smishing text is never shown as the bank's), and
 * only since the account got this number: a message that reached the SIM earlier may belong to
 * whoever held a same-bank account there before.
 */
@Injectable()
export class VerificationService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly messages: VerificationRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(merchantId: string, accountId: string, now = new Date()): Promise<VerificationMessage[]> {
    const account = await this.accounts.findForMerchant(merchantId, accountId);
    if (!account) throw new NotFoundError('account', { accountId });
    const windowStart = new Date(now.getTime() - this.config.verificationWindowHours * 3_600_000);
    const assignedAt = account.numberAssignedAt ?? account.createdAt;
    return this.messages.messagesFor({
      accountId: account.id,
      simId: account.simId,
      officialSenders: findBank(account.bankCode)?.senders ?? [],
      since: assignedAt > windowStart ? assignedAt : windowStart,
    });
  }
}
