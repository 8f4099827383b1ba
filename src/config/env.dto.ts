import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { hostname } from 'node:os';
import { AppError, ErrorCode } from 'src/common/app-error';

// Environment values are strings (or absent); anything else is passed through for the validators to refuse.
const toInt = ({ value }: { value: unknown }) =>
  typeof value !== 'string' || value === ''
    ? value === ''
      ? undefined
      : value
    : /^-?\d+$/.test(value)
      ? Number(value)
      : value;
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string' || value === '') return value === '' ? undefined : value;
  const text = value.toLowerCase();
  if (['true', '1', 'yes'].includes(text)) return true;
  if (['false', '0', 'no'].includes(text)) return false;
  return value;
};

/** Every environment variable the gateway reads (CONTRACT.md "Configuration"). Nothing else reads process.env. */
export class EnvDto {
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  ADMIN_TOKEN?: string;

  @IsOptional()
  @IsString()
  MODEMS?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @IsIn([1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600])
  MODEM_BAUD?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  MODEM_SWEEP_INTERVAL_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(200)
  @Max(60_000)
  MODEM_COMMAND_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(3_600_000)
  MODEM_SCAN_INTERVAL_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(604_800_000)
  SMS_MULTIPART_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  CALLBACK_MAX_ATTEMPTS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  CALLBACK_RETRY_DELAY_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  CALLBACK_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  CALLBACK_ALLOW_PRIVATE?: boolean;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  CALLBACK_CONCURRENCY?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  CALLBACK_RECONCILE_INTERVAL_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  CALLBACK_PAUSE_AFTER_DAYS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  SIM_DEFAULT_CAPACITY?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  VERIFICATION_WINDOW_HOURS?: number;

  @IsOptional()
  @IsString()
  NODE_ID?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  DB_SKIP_MIGRATIONS?: boolean;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;
}

export interface AppConfig {
  databaseUrl: string;
  redisUrl: string;
  port: number;
  host: string;
  adminToken: string | null;
  modems: string[];
  modemBaud: number;
  modemSweepIntervalMs: number;
  /** Base AT command timeout; slow commands (CMGR/CMGL) use a multiple. */
  modemCommandTimeoutMs: number;
  /** `MODEMS=auto`: how often serial ports are scanned for new and removed modems. */
  modemScanIntervalMs: number;
  /** A concatenated SMS still missing parts after this long is stored with what arrived, flagged incomplete. */
  smsMultipartTimeoutMs: number;
  callback: {
    maxAttempts: number;
    retryDelayMs: number;
    timeoutMs: number;
    allowPrivate: boolean;
    concurrency: number;
    /** How often due deliveries without a Bull job are enqueued again. */
    reconcileIntervalMs: number;
    /** Pause an endpoint after this many days without an OK; 0 never pauses. */
    pauseAfterDays: number;
  };
  simDefaultCapacity: number;
  /** How far back the verification viewer (인증번호수신내역) looks. */
  verificationWindowHours: number;
  nodeId: string;
  skipMigrations: boolean;
  logLevel: string;
  /** Bull key prefix; tests give each suite its own so suites never see each other's jobs. */
  queuePrefix: string;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ipgeum';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Validates the environment; a bad value stops the start with one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dto = plainToInstance(EnvDto, { ...env }, { enableImplicitConversion: false });
  const errors = validateSync(dto, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const first = errors[0];
    // Type checks first: "must be an integer" says more about PORT=abc than "must not be greater than".
    const constraints = Object.entries(first.constraints ?? {}).sort(([a], [b]) => rank(a) - rank(b));
    const reason = constraints[0]?.[1].replace(new RegExp(`^${first.property}\\s*`), '') ?? 'is invalid';
    throw new AppError(
      ErrorCode.InvalidConfig,
      `Invalid configuration: ${first.property} ${reason} (got "${String(env[first.property])}")`,
      {
        variable: first.property,
      },
    );
  }
  return {
    databaseUrl: dto.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    redisUrl: dto.REDIS_URL ?? DEFAULT_REDIS_URL,
    port: dto.PORT ?? 3000,
    host: dto.HOST ?? '0.0.0.0',
    adminToken: dto.ADMIN_TOKEN ?? null,
    modems: (dto.MODEMS ?? '')
      .split(',')
      .map((port) => port.trim())
      .filter((port) => port.length > 0),
    modemBaud: dto.MODEM_BAUD ?? 115200,
    modemSweepIntervalMs: dto.MODEM_SWEEP_INTERVAL_MS ?? 30_000,
    modemCommandTimeoutMs: dto.MODEM_COMMAND_TIMEOUT_MS ?? 5_000,
    modemScanIntervalMs: dto.MODEM_SCAN_INTERVAL_MS ?? 10_000,
    smsMultipartTimeoutMs: dto.SMS_MULTIPART_TIMEOUT_MS ?? 600_000,
    callback: {
      maxAttempts: dto.CALLBACK_MAX_ATTEMPTS ?? 5,
      retryDelayMs: dto.CALLBACK_RETRY_DELAY_MS ?? 60_000,
      timeoutMs: dto.CALLBACK_TIMEOUT_MS ?? 10_000,
      allowPrivate: dto.CALLBACK_ALLOW_PRIVATE ?? false,
      concurrency: dto.CALLBACK_CONCURRENCY ?? 16,
      reconcileIntervalMs: dto.CALLBACK_RECONCILE_INTERVAL_MS ?? 60_000,
      pauseAfterDays: dto.CALLBACK_PAUSE_AFTER_DAYS ?? 3,
    },
    simDefaultCapacity: dto.SIM_DEFAULT_CAPACITY ?? 50,
    verificationWindowHours: dto.VERIFICATION_WINDOW_HOURS ?? 24,
    nodeId: dto.NODE_ID ?? hostname(),
    skipMigrations: dto.DB_SKIP_MIGRATIONS ?? false,
    logLevel: dto.LOG_LEVEL ?? 'info',
    queuePrefix: 'ipgeum',
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

const TYPE_CONSTRAINTS = ['isInt', 'isBoolean', 'matches', 'isIn', 'isString'];
function rank(constraint: string): number {
  const index = TYPE_CONSTRAINTS.indexOf(constraint);
  return index === -1 ? TYPE_CONSTRAINTS.length : index;
}
