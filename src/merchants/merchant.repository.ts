import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { ApiKeyEntity } from 'src/merchants/api-key.entity';
import { MerchantEntity } from 'src/merchants/merchant.entity';

@Injectable()
export class MerchantRepository {
  constructor(
    @InjectRepository(MerchantEntity) private readonly merchants: Repository<MerchantEntity>,
    @InjectRepository(ApiKeyEntity) private readonly apiKeys: Repository<ApiKeyEntity>,
  ) {}

  async createWithKey(
    merchant: Pick<MerchantEntity, 'name' | 'serviceUntil' | 'callbackSecret'>,
    key: Pick<ApiKeyEntity, 'keyHash' | 'keyPrefix'>,
  ): Promise<MerchantEntity> {
    return this.merchants.manager.transaction(async (manager) => {
      const saved = await manager.save(MerchantEntity, manager.create(MerchantEntity, merchant));
      await manager.save(ApiKeyEntity, manager.create(ApiKeyEntity, { ...key, merchantId: saved.id }));
      return saved;
    });
  }

  list(): Promise<MerchantEntity[]> {
    return this.merchants.find({ order: { createdAt: 'ASC' } });
  }

  findById(id: string): Promise<MerchantEntity | null> {
    return this.merchants.findOneBy({ id });
  }

  async update(id: string, changes: Partial<Pick<MerchantEntity, 'name' | 'serviceUntil'>>): Promise<void> {
    await this.merchants.update({ id }, changes);
  }

  async addKey(merchantId: string, key: Pick<ApiKeyEntity, 'keyHash' | 'keyPrefix'>): Promise<ApiKeyEntity> {
    return this.apiKeys.save(this.apiKeys.create({ ...key, merchantId }));
  }

  listKeys(merchantId: string): Promise<ApiKeyEntity[]> {
    return this.apiKeys.find({ where: { merchantId }, order: { createdAt: 'ASC' } });
  }

  findKey(merchantId: string, keyId: string): Promise<ApiKeyEntity | null> {
    return this.apiKeys.findOneBy({ merchantId, id: keyId });
  }

  /** Revokes a live key; an already revoked one keeps its first revocation time. */
  async revokeKey(keyId: string, at: Date): Promise<void> {
    await this.apiKeys.update({ id: keyId, revokedAt: IsNull() }, { revokedAt: at });
  }

  async setCallbackSecret(
    id: string,
    secrets: Pick<
      MerchantEntity,
      'callbackSecret' | 'callbackSecretPrevious' | 'callbackSecretPreviousUntil'
    >,
  ): Promise<void> {
    await this.merchants.update({ id }, secrets);
  }

  /** The merchant owning a live (not revoked) key, recording its use. */
  async findByKeyHash(keyHash: string): Promise<MerchantEntity | null> {
    const key = await this.apiKeys.findOne({
      where: { keyHash, revokedAt: IsNull() },
      relations: { merchant: true },
    });
    if (!key) return null;
    await this.apiKeys.update({ id: key.id }, { lastUsedAt: new Date() });
    return key.merchant;
  }
}
