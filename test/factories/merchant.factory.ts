import { INestApplication } from '@nestjs/common';
import { MerchantService } from 'src/merchants/merchant.service';

export interface TestMerchant {
  id: string;
  apiKey: string;
  callbackSecret: string;
  /** `Authorization` header of its API key. */
  auth: { Authorization: string };
}

/** A merchant with an API key, made through the same service the operator API uses. */
export async function createMerchant(app: INestApplication, name = '테스트상점'): Promise<TestMerchant> {
  const created = await app.get(MerchantService).create({ name });
  return {
    id: created.id,
    apiKey: created.apiKey,
    callbackSecret: created.callbackSecret,
    auth: { Authorization: `Bearer ${created.apiKey}` },
  };
}
