import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import type { LookupAddress } from 'node:dns';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CALLBACK_URL_LOOKUP } from 'src/accounts/callback-url-lookup';
import { AppErrorFilter } from 'src/api/app-error.filter';
import { createValidationPipe } from 'src/api/validation.pipe';
import { AppModule } from 'src/app.module';
import { API_PREFIX } from 'src/bootstrap';
import { loadConfig } from 'src/config/env.dto';
import { MerchantService } from 'src/merchants/merchant.service';
import { insertSim } from 'test/medium/allocation-fixtures';
import { createTestDatabase, testServices } from 'test/utils/test-gateway';

/** Made-up host names and what "DNS" answers for them; nothing leaves the machine. */
const ZONE: Record<string, LookupAddress[]> = {
  'localhost.test': [{ address: '127.0.0.1', family: 4 }],
  'private.test': [{ address: '10.0.0.5', family: 4 }],
  'metadata.test': [{ address: '169.254.169.254', family: 4 }],
  'ula.test': [{ address: 'fd00::1', family: 6 }],
  'mapped.test': [{ address: '::ffff:192.168.1.1', family: 6 }],
  // One public and one private answer: rebinding-style hosts are refused as a whole.
  'mixed.test': [
    { address: '93.184.216.34', family: 4 },
    { address: '192.168.0.10', family: 4 },
  ],
  'public.test': [{ address: '93.184.216.34', family: 4 }],
};

function fakeLookup(
  host: string,
  _options: unknown,
  callback: (err: Error | null, result?: LookupAddress[]) => void,
) {
  const answer = ZONE[host];
  if (answer) callback(null, answer);
  else callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }));
}

const REFUSED = [
  'http://127.0.0.1/cb',
  'http://127.1.2.3:8080/cb',
  'http://2130706433/cb', // 127.0.0.1 written as one number
  'http://0.0.0.0/cb',
  'http://10.1.2.3/cb',
  'http://172.16.0.1/cb',
  'http://192.168.0.1/cb',
  'http://100.64.0.1/cb', // carrier-grade NAT
  'http://169.254.169.254/latest/meta-data/',
  'http://[::1]/cb',
  'http://[fe80::1]/cb',
  'http://[fd12:3456::1]/cb',
  'http://[::ffff:127.0.0.1]/cb',
  'http://localhost.test/cb',
  'http://private.test/cb',
  'http://metadata.test/cb',
  'http://ula.test/cb',
  'http://mapped.test/cb',
  'http://mixed.test/cb',
];

/** SSRF at the API: a callback URL that reaches inside the operator's network is refused at registration. */
describe.each([
  { allowPrivate: false, expectRefused: true },
  { allowPrivate: true, expectRefused: false },
])('callback URL checks with CALLBACK_ALLOW_PRIVATE=$allowPrivate', ({ allowPrivate, expectRefused }) => {
  let database: { url: string; drop: () => Promise<void> };
  let app: INestApplication;
  let url: string;
  let auth: { Authorization: string };
  let serial = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    const { redisUrl } = await testServices();
    const config = {
      ...loadConfig({
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl,
        CALLBACK_ALLOW_PRIVATE: String(allowPrivate),
        NODE_ID: 'test-node',
      }),
      queuePrefix: `ipgeum-test-${randomBytes(4).toString('hex')}`,
    };
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
      .overrideProvider(CALLBACK_URL_LOOKUP)
      .useValue(fakeLookup)
      .compile();
    // What createApp sets up, on a module whose resolver is overridden.
    app = moduleRef.createNestApplication({ logger: false });
    app.setGlobalPrefix(API_PREFIX);
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new AppErrorFilter());
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    await insertSim(app.get(DataSource), { capacity: 1000 });
    auth = { Authorization: `Bearer ${(await app.get(MerchantService).create({ name: '보안' })).apiKey}` };
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const register = (callbackUrl: string) =>
    request(url)
      .post('/api/v1/accounts')
      .set(auth)
      .send({
        bankCode: '004',
        accountNumber: `1234567890${String(serial++).padStart(4, '0')}`,
        callbackUrl,
        charset: 'UTF-8',
      });

  it.each(REFUSED)(`should ${expectRefused ? 'refuse' : 'accept'} %s`, async (callbackUrl) => {
    const response = await register(callbackUrl);
    if (expectRefused) {
      expect(response.status).toBe(400);
      expect((response.body as { message: string }).message).toMatch(/^callbackUrl: /);
    } else {
      expect(response.status).toBe(201);
    }
  });

  it('should accept a public host and refuse one that does not resolve, either way', async () => {
    await register('https://public.test/bank-callback?shop=1').expect(201);
    const unknown = await register('https://nowhere.test/cb');
    if (allowPrivate) expect(unknown.status).toBe(201);
    else {
      expect((unknown.body as { message: string }).message).toMatch(
        /^callbackUrl: host nowhere\.test does not resolve/,
      );
    }
  });

  it('should refuse a private URL on PATCH too', async () => {
    const created = await register('https://public.test/cb').expect(201);
    const response = await request(url)
      .patch(`/api/v1/accounts/${(created.body as { id: string }).id}`)
      .set(auth)
      .send({ callbackUrl: 'http://169.254.169.254/' });
    expect(response.status).toBe(expectRefused ? 400 : 200);
  });
});
