import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { BankAccountEntity } from 'src/accounts/bank-account.entity';

const UNIQUE_VIOLATION = '23505';

export class DuplicateAccountError extends Error {}

@Injectable()
export class AccountRepository {
  constructor(
    @InjectRepository(BankAccountEntity) private readonly accounts: Repository<BankAccountEntity>,
  ) {}

  async insert(manager: EntityManager, account: Partial<BankAccountEntity>): Promise<BankAccountEntity> {
    try {
      return await manager.save(BankAccountEntity, manager.create(BankAccountEntity, account));
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new DuplicateAccountError();
      throw error;
    }
  }

  async isRegistered(bankCode: string, accountNumber: string): Promise<boolean> {
    return this.accounts.exists({ where: { bankCode, accountNumber } });
  }

  listForMerchant(merchantId: string): Promise<BankAccountEntity[]> {
    return this.accounts.find({ where: { merchantId }, order: { createdAt: 'ASC' } });
  }

  findForMerchant(merchantId: string, id: string): Promise<BankAccountEntity | null> {
    return this.accounts.findOneBy({ merchantId, id });
  }

  /** Including deleted ones: deposits keep pointing at them. */
  findByIdWithDeleted(id: string): Promise<BankAccountEntity | null> {
    return this.accounts.findOne({ where: { id }, withDeleted: true });
  }

  async update(id: string, changes: Partial<BankAccountEntity>): Promise<void> {
    await this.accounts.update({ id }, changes);
  }

  /** Soft delete: the slot on the SIM is freed, the deposits stay in history. */
  async softDelete(id: string): Promise<void> {
    await this.accounts.softDelete({ id });
  }
}
