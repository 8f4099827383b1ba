import { Injectable } from '@nestjs/common';
import { NotFoundError } from 'src/common/app-error';
import { generateCallbackSecret } from 'src/callbacks/callback-signer';
import { apiKeyDisplayPrefix, generateApiKey, hashApiKey } from 'src/merchants/api-key';
import { MerchantEntity } from 'src/merchants/merchant.entity';
import { MerchantRepository } from 'src/merchants/merchant.repository';

export interface MerchantView {
  id: string;
  name: string;
  serviceUntil: string | null;
  createdAt: Date;
}

/** Returned once, at creation: the only time the key and the secret are shown. */
export interface CreatedMerchant extends MerchantView {
  apiKey: string;
  callbackSecret: string;
}

@Injectable()
export class MerchantService {
  constructor(private readonly repository: MerchantRepository) {}

  async create(input: { name: string; serviceUntil?: string | null }): Promise<CreatedMerchant> {
    const apiKey = generateApiKey();
    const callbackSecret = generateCallbackSecret();
    const merchant = await this.repository.createWithKey(
      { name: input.name.trim(), serviceUntil: input.serviceUntil ?? null, callbackSecret },
      { keyHash: hashApiKey(apiKey), keyPrefix: apiKeyDisplayPrefix(apiKey) },
    );
    return { ...toView(merchant), apiKey, callbackSecret };
  }

  async list(): Promise<MerchantView[]> {
    return (await this.repository.list()).map(toView);
  }

  async update(id: string, changes: { name?: string; serviceUntil?: string | null }): Promise<MerchantView> {
    await this.get(id);
    await this.repository.update(id, {
      ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
      ...(changes.serviceUntil !== undefined ? { serviceUntil: changes.serviceUntil } : {}),
    });
    return toView(await this.get(id));
  }

  async get(id: string): Promise<MerchantEntity> {
    const merchant = await this.repository.findById(id);
    if (!merchant) throw new NotFoundError('merchant', { merchantId: id });
    return merchant;
  }

  authenticate(apiKey: string): Promise<MerchantEntity | null> {
    return this.repository.findByKeyHash(hashApiKey(apiKey));
  }
}

function toView(merchant: MerchantEntity): MerchantView {
  return {
    id: merchant.id,
    name: merchant.name,
    serviceUntil: merchant.serviceUntil,
    createdAt: merchant.createdAt,
  };
}
