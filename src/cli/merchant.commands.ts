import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { CliModule } from 'src/cli/cli.module';
import { loadConfig } from 'src/config/env.dto';
import { DEFAULT_SECRET_GRACE_HOURS, MerchantService } from 'src/merchants/merchant.service';

export const MERCHANT_USAGE = `  merchant create --name <name> [--service-until YYYY-MM-DD]
  merchant list                           merchants with their service period
  merchant keys <merchantId>              API keys (prefix, created, last used, revoked)
  merchant key-create <merchantId>        issue another API key (shown once)
  merchant key-revoke <merchantId> <keyId>
  merchant rotate-secret <merchantId> [--grace-hours N]   new callback secret; the old one signs N more hours (default ${DEFAULT_SECRET_GRACE_HOURS})`;

export class UsageError extends Error {}

type Out = NodeJS.WritableStream;

/** `merchant <sub> …`: the operator API's merchant endpoints, straight against the database. */
export async function merchantCommand(sub: string | undefined, args: string[], out: Out): Promise<number> {
  switch (sub) {
    case 'create':
      return create(args, out);
    case 'list':
      return withMerchants(async (merchants) => {
        for (const m of await merchants.list()) {
          out.write(`${m.id}  ${m.serviceUntil ?? 'unlimited'}  ${m.name}\n`);
        }
      });
    case 'keys':
      return withMerchants(async (merchants) => {
        for (const key of await merchants.listApiKeys(requireArg(args[0], '<merchantId>'))) {
          const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'live';
          const used = key.lastUsedAt?.toISOString() ?? 'never used';
          out.write(`${key.id}  ${key.prefix}…  ${state}  ${used}\n`);
        }
      });
    case 'key-create':
      return withMerchants(async (merchants) => {
        const key = await merchants.createApiKey(requireArg(args[0], '<merchantId>'));
        out.write(`key ${key.id}\napiKey: ${key.apiKey}\n(shown once: store it now)\n`);
      });
    case 'key-revoke':
      return withMerchants(async (merchants) => {
        const keyId = requireArg(args[1], '<keyId>');
        await merchants.revokeApiKey(requireArg(args[0], '<merchantId>'), keyId);
        out.write(`key ${keyId} revoked\n`);
      });
    case 'rotate-secret':
      return rotateSecret(args, out);
    default:
      throw new UsageError(`unknown command: merchant ${sub ?? ''}`.trim());
  }
}

async function create(args: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { name: { type: 'string' }, 'service-until': { type: 'string' } },
  });
  if (!values.name?.trim()) throw new UsageError('--name is required');
  const serviceUntil = values['service-until'];
  if (serviceUntil !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(serviceUntil)) {
    throw new UsageError('--service-until must be YYYY-MM-DD');
  }
  return withMerchants(async (merchants) => {
    const merchant = await merchants.create({ name: values.name!, serviceUntil: serviceUntil ?? null });
    out.write(
      `merchant ${merchant.id} "${merchant.name}"\napiKey:         ${merchant.apiKey}\ncallbackSecret: ${merchant.callbackSecret}\n(shown once: store them now)\n`,
    );
  });
}

async function rotateSecret(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'grace-hours': { type: 'string' } },
  });
  const merchantId = requireArg(positionals[0], '<merchantId>');
  const raw = values['grace-hours'];
  if (raw !== undefined && !/^\d{1,3}$/.test(raw)) throw new UsageError('--grace-hours must be 0-720');
  const graceHours = raw === undefined ? undefined : Number(raw);
  if (graceHours !== undefined && graceHours > 720) throw new UsageError('--grace-hours must be 0-720');
  return withMerchants(async (merchants) => {
    const rotated = await merchants.rotateCallbackSecret(merchantId, graceHours);
    const until = rotated.previousValidUntil?.toISOString() ?? 'now (no grace period)';
    out.write(
      `callbackSecret: ${rotated.callbackSecret}\n(shown once) the previous secret also signs until ${until}\n`,
    );
  });
}

function requireArg(value: string | undefined, name: string): string {
  if (!value) throw new UsageError(`${name} is required`);
  return value;
}

async function withMerchants(work: (merchants: MerchantService) => Promise<void>): Promise<number> {
  const context = await NestFactory.createApplicationContext(CliModule.forRoot(loadConfig()), {
    logger: ['error'],
  });
  try {
    await work(context.get(MerchantService));
    return 0;
  } finally {
    await context.close();
  }
}
