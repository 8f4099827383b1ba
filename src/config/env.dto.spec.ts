import { loadConfig } from 'src/config/env.dto';

describe('loadConfig', () => {
  it('should give CONTRACT.md defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/ipgeum',
      redisUrl: 'redis://127.0.0.1:6379',
      port: 3000,
      host: '0.0.0.0',
      adminToken: null,
      modems: [],
      modemBaud: 115200,
      callback: { maxAttempts: 5, retryDelayMs: 60000, timeoutMs: 10000, allowPrivate: false },
    });
  });

  it('should split MODEMS on commas and trim', () => {
    expect(loadConfig({ MODEMS: ' /dev/ttyUSB2, tcp://10.0.0.5:4001 ,' }).modems).toEqual([
      '/dev/ttyUSB2',
      'tcp://10.0.0.5:4001',
    ]);
  });

  it.each([
    ['PORT', 'abc', /PORT must be an integer/],
    ['CALLBACK_ALLOW_PRIVATE', 'maybe', /CALLBACK_ALLOW_PRIVATE must be a boolean/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be a postgres:\/\/ URL/],
    ['MODEM_BAUD', '1234', /MODEM_BAUD/],
    ['ADMIN_TOKEN', 'short', /ADMIN_TOKEN must be at least 16 characters/],
    ['CALLBACK_MAX_ATTEMPTS', '0', /CALLBACK_MAX_ATTEMPTS must not be less than 1/],
  ])('should stop with one line naming %s=%s', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
