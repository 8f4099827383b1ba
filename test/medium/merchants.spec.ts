import request from 'supertest';
import { DataSource } from 'typeorm';
import { MerchantEntity } from 'src/merchants/merchant.entity';
import { createTestDatabase, startTestGateway, TEST_ADMIN_TOKEN, TestGateway } from 'test/utils/test-gateway';

/** Operator endpoints for merchants, API keys and callback-secret rotation, against real PostgreSQL. */
describe('merchants and keys', () => {
  let database: { url: string; drop: () => Promise<void> };
  let gateway: TestGateway;
  const admin = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

  async function createMerchant(body: Record<string, unknown> = { name: '키상점' }) {
    const response = await request(gateway.url)
      .post('/api/v1/admin/merchants')
      .set(admin)
      .send(body)
      .expect(201);
    return response.body as {
      id: string;
      apiKey: string;
      callbackSecret: string;
      serviceUntil: string | null;
    };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    gateway = await startTestGateway({ databaseUrl: database.url });
  }, 30_000);

  afterAll(async () => {
    await gateway?.close();
    await database?.drop();
  });

  it('should list merchants with their service period (이용기간) and never a key or secret', async () => {
    const created = await createMerchant({ name: '기간상점', serviceUntil: '2027-12-31' });
    const list = await request(gateway.url).get('/api/v1/admin/merchants').set(admin).expect(200);
    const row = (list.body as Record<string, unknown>[]).find((m) => m.id === created.id);
    expect(row).toMatchObject({ name: '기간상점', serviceUntil: '2027-12-31' });
    expect(JSON.stringify(list.body)).not.toContain(created.apiKey);
    expect(JSON.stringify(list.body)).not.toContain(created.callbackSecret);
    const patched = await request(gateway.url)
      .patch(`/api/v1/admin/merchants/${created.id}`)
      .set(admin)
      .send({ serviceUntil: null })
      .expect(200);
    expect(patched.body).toMatchObject({ serviceUntil: null });
  });

  it('should issue several keys that all work, list them without the key, and answer 401 once one is revoked', async () => {
    const merchant = await createMerchant();
    const second = await request(gateway.url)
      .post(`/api/v1/admin/merchants/${merchant.id}/api-keys`)
      .set(admin)
      .expect(201);
    const { apiKey: secondKey, id: secondId } = second.body as { apiKey: string; id: string };
    expect(secondKey).toMatch(/^ipg_/);
    expect(secondKey).not.toBe(merchant.apiKey);
    await request(gateway.url).get('/api/v1/accounts').set(bearer(merchant.apiKey)).expect(200);
    await request(gateway.url).get('/api/v1/accounts').set(bearer(secondKey)).expect(200);

    const listed = await request(gateway.url)
      .get(`/api/v1/admin/merchants/${merchant.id}/api-keys`)
      .set(admin)
      .expect(200);
    const keys = listed.body as {
      id: string;
      prefix: string;
      revokedAt: string | null;
      lastUsedAt: string | null;
    }[];
    expect(keys).toHaveLength(2);
    expect(JSON.stringify(keys)).not.toContain(secondKey);
    expect(keys.find((k) => k.id === secondId)).toMatchObject({
      prefix: secondKey.slice(0, 12),
      revokedAt: null,
      lastUsedAt: expect.any(String),
    });

    await request(gateway.url)
      .delete(`/api/v1/admin/merchants/${merchant.id}/api-keys/${secondId}`)
      .set(admin)
      .expect(204);
    await request(gateway.url).get('/api/v1/accounts').set(bearer(secondKey)).expect(401);
    await request(gateway.url).get('/api/v1/accounts').set(bearer(merchant.apiKey)).expect(200);
    const after = await request(gateway.url)
      .get(`/api/v1/admin/merchants/${merchant.id}/api-keys`)
      .set(admin)
      .expect(200);
    expect(
      (after.body as { id: string; revokedAt: string | null }[]).find((k) => k.id === secondId)?.revokedAt,
    ).toEqual(expect.any(String));
  });

  it("should not revoke another merchant's key through a merchant id that is not its owner", async () => {
    const a = await createMerchant();
    const b = await createMerchant();
    const keys = await request(gateway.url)
      .get(`/api/v1/admin/merchants/${a.id}/api-keys`)
      .set(admin)
      .expect(200);
    const aKeyId = (keys.body as { id: string }[])[0].id;
    await request(gateway.url)
      .delete(`/api/v1/admin/merchants/${b.id}/api-keys/${aKeyId}`)
      .set(admin)
      .expect(404);
    await request(gateway.url).get('/api/v1/accounts').set(bearer(a.apiKey)).expect(200);
  });

  it('should rotate the callback secret with a grace period during which the previous one is kept', async () => {
    const merchant = await createMerchant();
    const before = Date.now();
    const rotated = await request(gateway.url)
      .post(`/api/v1/admin/merchants/${merchant.id}/callback-secret`)
      .set(admin)
      .send({ graceHours: 2 })
      .expect(201);
    const body = rotated.body as { callbackSecret: string; previousValidUntil: string };
    expect(body.callbackSecret).toMatch(/^whsec_/);
    expect(body.callbackSecret).not.toBe(merchant.callbackSecret);
    const until = new Date(body.previousValidUntil).getTime();
    expect(until).toBeGreaterThanOrEqual(before + 2 * 3_600_000 - 1000);
    expect(until).toBeLessThanOrEqual(Date.now() + 2 * 3_600_000 + 1000);
    const stored = await gateway.app
      .get(DataSource)
      .getRepository(MerchantEntity)
      .findOneByOrFail({ id: merchant.id });
    expect(stored.callbackSecret).toBe(body.callbackSecret);
    expect(stored.callbackSecretPrevious).toBe(merchant.callbackSecret);

    const immediate = await request(gateway.url)
      .post(`/api/v1/admin/merchants/${merchant.id}/callback-secret`)
      .set(admin)
      .send({ graceHours: 0 })
      .expect(201);
    expect(immediate.body).toMatchObject({ previousValidUntil: null });
    const dropped = await gateway.app
      .get(DataSource)
      .getRepository(MerchantEntity)
      .findOneByOrFail({ id: merchant.id });
    expect(dropped.callbackSecretPrevious).toBeNull();
  });

  it('should refuse a bad grace period naming the field, and unknown merchants with 404', async () => {
    const merchant = await createMerchant();
    const bad = await request(gateway.url)
      .post(`/api/v1/admin/merchants/${merchant.id}/callback-secret`)
      .set(admin)
      .send({ graceHours: 9999 })
      .expect(400);
    expect((bad.body as { message: string }).message).toMatch(/^graceHours/);
    const missing = '00000000-0000-4000-8000-000000000000';
    await request(gateway.url).post(`/api/v1/admin/merchants/${missing}/api-keys`).set(admin).expect(404);
    await request(gateway.url)
      .post(`/api/v1/admin/merchants/${missing}/callback-secret`)
      .set(admin)
      .expect(404);
  });

  it('should keep the key endpoints for the operator only', async () => {
    const merchant = await createMerchant();
    await request(gateway.url)
      .post(`/api/v1/admin/merchants/${merchant.id}/api-keys`)
      .set(bearer(merchant.apiKey))
      .expect(401);
  });
});
