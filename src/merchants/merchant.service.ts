import { Injectable } from '@nestjs/common';
import { NotFoundError } from 'src/common/app-error';
import { generateCallbackSecret } from 'src/callbacks/callback-signer';
import { apiKeyDisplayPrefix, generateApiKey, hashApiKey } from 'src/merchants/api-key';
import { ApiKeyEntity } from 'src/merchants/api-key.entity';
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

/** An API key as listed: never the key itself, only its first characters. */
export interface ApiKeyView {
  id: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A new key, shown once. */
export interface CreatedApiKey extends ApiKeyView {
  apiKey: string;
}

/** A new callback secret, shown once; the previous one keeps signing until `previousValidUntil`. */
export interface RotatedCallbackSecret {
  callbackSecret: string;
  previousValidUntil: Date | null;
}

/** How long both secrets sign after a rotation unless the operator says otherwise. */
export const DEFAULT_SECRET_GRACE_HOURS = 24;

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

  async createApiKey(merchantId: string): Promise<CreatedApiKey> {
    await this.get(merchantId);
    const apiKey = generateApiKey();
    const key = await this.repository.addKey(merchantId, {
      keyHash: hashApiKey(apiKey),
      keyPrefix: apiKeyDisplayPrefix(apiKey),
    });
    return { ...toKeyView(key), apiKey };
  }

  async listApiKeys(merchantId: string): Promise<ApiKeyView[]> {
    await this.get(merchantId);
    return (await this.repository.listKeys(merchantId)).map(toKeyView);
  }

  /** From the next request on, the key answers 401. Revoking twice is harmless. */
  async revokeApiKey(merchantId: string, keyId: string): Promise<void> {
    await this.get(merchantId);
    const key = await this.repository.findKey(merchantId, keyId);
    if (!key) throw new NotFoundError('API key', { merchantId, keyId });
    await this.repository.revokeKey(keyId, new Date());
  }

  /**
   * A new `whsec_…` secret signs from now on; the current one becomes the previous one and, for
   * `graceHours`, callbacks carry a signature with each, so the merchant can switch without losing
   * a callback. 0 hours drops the old secret at once.
   */
  async rotateCallbackSecret(
    merchantId: string,
    graceHours: number = DEFAULT_SECRET_GRACE_HOURS,
  ): Promise<RotatedCallbackSecret> {
    const merchant = await this.get(merchantId);
    const callbackSecret = generateCallbackSecret();
    const previousValidUntil = graceHours > 0 ? new Date(Date.now() + graceHours * 3_600_000) : null;
    await this.repository.setCallbackSecret(merchantId, {
      callbackSecret,
      callbackSecretPrevious: previousValidUntil ? merchant.callbackSecret : null,
      callbackSecretPreviousUntil: previousValidUntil,
    });
    return { callbackSecret, previousValidUntil };
  }

  authenticate(apiKey: string): Promise<MerchantEntity | null> {
    return this.repository.findByKeyHash(hashApiKey(apiKey));
  }
}

function toKeyView(key: ApiKeyEntity): ApiKeyView {
  return {
    id: key.id,
    prefix: key.keyPrefix,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
  };
}

function toView(merchant: MerchantEntity): MerchantView {
  return {
    id: merchant.id,
    name: merchant.name,
    serviceUntil: merchant.serviceUntil,
    createdAt: merchant.createdAt,
  };
}
