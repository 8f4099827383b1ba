import request from 'supertest';
import { DataSource } from 'typeorm';
import { MerchantService } from 'src/merchants/merchant.service';
import { insertSim } from 'test/medium/allocation-fixtures';
import { createTestDatabase, startTestGateway, TestGateway } from 'test/utils/test-gateway';

/** Account registration rules at the API: every refusal names the field (CONTRACT.md). */
describe('account registration', () => {
  let database: { url: string; drop: () => Promise<void> };
  let gateway: TestGateway;
  let dataSource: DataSource;
  let a: { Authorization: string };
  let b: { Authorization: string };
  const valid = {
    bankCode: '004',
    accountNumber: '123456-78-901789',
    callbackUrl: 'http://127.0.0.1:9/callback',
    charset: 'UTF-8',
  };

  async function merchant(name: string): Promise<{ Authorization: string }> {
    const created = await gateway.app.get(MerchantService).create({ name });
    return { Authorization: `Bearer ${created.apiKey}` };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    gateway = await startTestGateway({ databaseUrl: database.url });
    dataSource = gateway.app.get(DataSource);
    await insertSim(dataSource, { capacity: 50 });
    await insertSim(dataSource, { capacity: 50 });
    a = await merchant('가게A');
    b = await merchant('가게B');
  }, 30_000);

  afterAll(async () => {
    await gateway?.close();
    await database?.drop();
  });

  it.each([
    [{ bankCode: '999' }, /^bankCode: unknown bank code 999/],
    [{ bankCode: '4' }, /^bankCode/],
    [{ accountNumber: '1234-56-78a' }, /^accountNumber/],
    [{ accountNumber: '123456789' }, /^accountNumber: 9 digits is not a 004 account number/],
    [{ bankCode: '090', accountNumber: '3333-01-123456' }, /^accountNumber: 12 digits .*expected 13/],
    [{ callbackUrl: 'ftp://shop.example/cb' }, /^callbackUrl: scheme ftp/],
    [{ callbackUrl: 'https://user:pw@shop.example/cb' }, /^callbackUrl: credentials/],
    [{ charset: 'CP949' }, /^charset must be UTF-8 or EUC-KR/],
    [{ callbackFormat: 'xml' }, /^callbackFormat must be query or json/],
    [{ callbackUrl: undefined }, /^callbackUrl/],
  ])('should refuse %j with 400 naming the field', async (change, message) => {
    const response = await request(gateway.url)
      .post('/api/v1/accounts')
      .set(a)
      .send({ ...valid, ...change })
      .expect(400);
    expect((response.body as { message: string }).message).toMatch(message);
  });

  it('should store digits only and refuse the same bank account a second time, by anyone, with 409', async () => {
    const created = await request(gateway.url).post('/api/v1/accounts').set(a).send(valid).expect(201);
    expect(created.body).toMatchObject({
      accountNumber: '12345678901789',
      bankName: '국민은행',
      callbackFormat: 'query',
      notificationNumber: expect.stringMatching(/^010-\d{4}-\d{4}$/),
      previousNotificationNumber: null,
    });
    await request(gateway.url)
      .post('/api/v1/accounts')
      .set(b)
      .send({ ...valid, accountNumber: '12345678901789' })
      .expect(409);
    await request(gateway.url)
      .post('/api/v1/accounts')
      .set(a)
      .send({ ...valid, accountNumber: '123456 78 901789' })
      .expect(409);
    // The same digits at another bank are another account.
    await request(gateway.url)
      .post('/api/v1/accounts')
      .set(b)
      .send({ ...valid, bankCode: '081' })
      .expect(201);
  });

  it('should free the bank account for registration again once deleted, keeping the old row for its deposits', async () => {
    const body = { ...valid, accountNumber: '223456-78-901789' };
    const first = await request(gateway.url).post('/api/v1/accounts').set(a).send(body).expect(201);
    const id = (first.body as { id: string }).id;
    await request(gateway.url).delete(`/api/v1/accounts/${id}`).set(a).expect(204);
    await request(gateway.url).get(`/api/v1/accounts/${id}`).set(a).expect(404);
    const [row] = await dataSource.query<{ deleted_at: Date | null }[]>(
      'SELECT deleted_at FROM bank_accounts WHERE id = $1',
      [id],
    );
    expect(row.deleted_at).toBeInstanceOf(Date);
    await request(gateway.url).post('/api/v1/accounts').set(b).send(body).expect(201);
  });

  it('should validate PATCH the same way and change only what is given', async () => {
    const created = await request(gateway.url)
      .post('/api/v1/accounts')
      .set(a)
      .send({ ...valid, accountNumber: '323456-78-901789', memo: '메모' })
      .expect(201);
    const id = (created.body as { id: string }).id;
    const bad = await request(gateway.url)
      .patch(`/api/v1/accounts/${id}`)
      .set(a)
      .send({ callbackUrl: 'gopher://x' })
      .expect(400);
    expect((bad.body as { message: string }).message).toMatch(/^callbackUrl/);
    await request(gateway.url)
      .patch(`/api/v1/accounts/${id}`)
      .set(a)
      .send({ accountNumber: '1' })
      .expect(400);
    const patched = await request(gateway.url)
      .patch(`/api/v1/accounts/${id}`)
      .set(a)
      .send({ charset: 'EUC-KR', callbackFormat: 'json' })
      .expect(200);
    expect(patched.body).toMatchObject({ charset: 'EUC-KR', callbackFormat: 'json', memo: '메모' });
  });
});
