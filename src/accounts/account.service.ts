import { Inject, Injectable } from '@nestjs/common';
import { AppError, ConflictError, ErrorCode, NotFoundError, ValidationError } from 'src/common/app-error';
import { formatPhoneNumber } from 'src/common/phone-number';
import { APP_CONFIG, AppConfig } from 'src/config/env.dto';
import { accountNumberProblem } from 'src/accounts/account-number-lengths';
import { AccountRepository, DuplicateAccountError } from 'src/accounts/account.repository';
import { BankAccountEntity } from 'src/accounts/bank-account.entity';
import { findBank } from 'src/banks/bank-registry';
import type { CallbackFormat, Charset } from 'src/accounts/bank-account.entity';
import { checkCallbackUrl, LookupFunction } from 'src/callbacks/callback-url.guard';
import { CALLBACK_URL_LOOKUP } from 'src/accounts/callback-url-lookup';
import { NumbersService } from 'src/numbers/numbers.service';

export interface AccountView {
  id: string;
  bankCode: string;
  bankName: string;
  accountNumber: string;
  holder: string | null;
  memo: string | null;
  callbackUrl: string;
  charset: Charset;
  callbackFormat: CallbackFormat;
  notificationNumber: string | null;
  /** When the account got its current number (registration, or the operator moved it). */
  notificationNumberAssignedAt: Date | null;
  /** The number it had before the operator moved it; the bank's SMS alert must be moved to the new one. */
  previousNotificationNumber: string | null;
  createdAt: Date;
}

export interface NewAccount {
  bankCode: string;
  accountNumber: string;
  holder?: string;
  memo?: string;
  callbackUrl: string;
  charset: Charset;
  callbackFormat?: CallbackFormat;
}

@Injectable()
export class AccountService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly numbers: NumbersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CALLBACK_URL_LOOKUP) private readonly lookup: LookupFunction,
  ) {}

  async create(merchantId: string, input: NewAccount): Promise<AccountView> {
    const bank = findBank(input.bankCode);
    if (!bank) {
      throw new ValidationError('bankCode', `unknown bank code ${input.bankCode} (see GET /api/v1/banks)`);
    }
    const accountNumber = input.accountNumber.replace(/[\s-]/g, '');
    const problem = accountNumberProblem(input.bankCode, accountNumber);
    if (problem) throw new ValidationError('accountNumber', problem);
    const callbackUrl = await this.checkedCallbackUrl(input.callbackUrl);
    if (await this.accounts.isRegistered(input.bankCode, accountNumber)) throw this.duplicate(input.bankCode);
    try {
      const account = await this.numbers.runInTransaction(async (manager) => {
        const simId = await this.numbers.allocate(manager, {
          bankCode: input.bankCode,
          merchantId,
          accountNumber,
        });
        return this.accounts.insert(manager, {
          merchantId,
          bankCode: input.bankCode,
          accountNumber,
          holder: input.holder?.trim() || null,
          memo: input.memo?.trim() || null,
          callbackUrl,
          charset: input.charset,
          callbackFormat: input.callbackFormat ?? 'query',
          simId,
          numberAssignedAt: new Date(),
        });
      });
      return this.toView(account);
    } catch (error) {
      if (error instanceof DuplicateAccountError) throw this.duplicate(input.bankCode);
      throw error;
    }
  }

  async list(merchantId: string): Promise<AccountView[]> {
    return Promise.all(
      (await this.accounts.listForMerchant(merchantId)).map((account) => this.toView(account)),
    );
  }

  async get(merchantId: string, id: string): Promise<AccountView> {
    return this.toView(await this.getEntity(merchantId, id));
  }

  async update(
    merchantId: string,
    id: string,
    changes: Partial<Omit<NewAccount, 'bankCode' | 'accountNumber'>>,
  ): Promise<AccountView> {
    await this.getEntity(merchantId, id);
    const callbackUrl =
      changes.callbackUrl === undefined ? undefined : await this.checkedCallbackUrl(changes.callbackUrl);
    await this.accounts.update(id, {
      ...(changes.holder !== undefined ? { holder: changes.holder.trim() || null } : {}),
      ...(changes.memo !== undefined ? { memo: changes.memo.trim() || null } : {}),
      ...(callbackUrl !== undefined ? { callbackUrl } : {}),
      ...(changes.charset !== undefined ? { charset: changes.charset } : {}),
      ...(changes.callbackFormat !== undefined ? { callbackFormat: changes.callbackFormat } : {}),
    });
    return this.get(merchantId, id);
  }

  async remove(merchantId: string, id: string): Promise<void> {
    await this.getEntity(merchantId, id);
    await this.accounts.softDelete(id);
  }

  /** Another merchant's account answers exactly like a missing one. */
  private async getEntity(merchantId: string, id: string): Promise<BankAccountEntity> {
    const account = await this.accounts.findForMerchant(merchantId, id);
    if (!account) throw new NotFoundError('account', { accountId: id });
    return account;
  }

  private async checkedCallbackUrl(raw: string): Promise<string> {
    const checked = await checkCallbackUrl(raw.trim(), {
      allowPrivate: this.config.callback.allowPrivate,
      lookup: this.lookup,
    });
    if (!checked.ok) {
      throw new AppError(ErrorCode.CallbackUrlRejected, `callbackUrl: ${checked.reason}`, {
        field: 'callbackUrl',
      });
    }
    return checked.url.toString();
  }

  private duplicate(bankCode: string): ConflictError {
    return new ConflictError('this bank account is already registered', { bankCode });
  }

  private async toView(account: BankAccountEntity): Promise<AccountView> {
    return {
      id: account.id,
      bankCode: account.bankCode,
      bankName: findBank(account.bankCode)?.name ?? account.bankCode,
      accountNumber: account.accountNumber,
      holder: account.holder,
      memo: account.memo,
      callbackUrl: account.callbackUrl,
      charset: account.charset,
      callbackFormat: account.callbackFormat,
      notificationNumber: await this.numbers.getNumber(account.simId),
      notificationNumberAssignedAt: account.numberAssignedAt,
      previousNotificationNumber: formatPhoneNumber(account.previousPhoneNumber),
      createdAt: account.createdAt,
    };
  }
}
