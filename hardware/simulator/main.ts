/**
 * `npm run sim -- --modems N [--tcp] [--tcp-base-port P] [--host H] [--control-port P] [--dir D]
 *                [--personality generic|simcom|quectel|huawei|wavecom] [--slots N] [--prefix sim]
 *                [--noise-ms N] [--no-pty]`
 *
 * Starts the simulator, prints each modem's pty path / tcp url and the control URL, and stays up
 * until SIGINT/SIGTERM, then kills its socat children and removes their links.
 */
import { PERSONALITY_NAMES, type PersonalityName } from 'hardware/simulator/personalities';
import { Simulator, type SimulatorOptions } from 'hardware/simulator/simulator';

const USAGE = `usage: npm run sim -- --modems N [--tcp] [--tcp-base-port P] [--host H] [--control-port P] [--dir D]
       [--personality ${PERSONALITY_NAMES.join('|')}] [--slots N] [--prefix ID] [--noise-ms N] [--no-pty]`;

export function parseArgs(argv: string[]): SimulatorOptions {
  const opts: SimulatorOptions = { modems: 1 };
  const int = (flag: string, value: string | undefined, min: number, max: number): number => {
    const n = Number(value);
    if (value === undefined || !Number.isInteger(n) || n < min || n > max) {
      throw new Error(`${flag} needs an integer between ${min} and ${max}`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--modems':
      case '-n':
        opts.modems = int(flag, value(), 1, 256);
        break;
      case '--tcp':
        opts.tcp = true;
        break;
      case '--tcp-base-port':
        opts.tcp = true;
        opts.tcpBasePort = int(flag, value(), 1, 65535);
        break;
      case '--host':
        opts.host = value() ?? '127.0.0.1';
        break;
      case '--control-port':
        opts.controlPort = int(flag, value(), 0, 65535);
        break;
      case '--dir': {
        const dir = value();
        if (!dir) {
          throw new Error('--dir needs a directory');
        }
        opts.dir = dir;
        break;
      }
      case '--personality': {
        const p = value();
        if (!PERSONALITY_NAMES.includes(p as PersonalityName)) {
          throw new Error(`--personality must be one of ${PERSONALITY_NAMES.join(', ')}`);
        }
        opts.personality = p as PersonalityName;
        break;
      }
      case '--slots':
        opts.storageSlots = int(flag, value(), 1, 1000);
        break;
      case '--prefix':
        opts.idPrefix = value();
        break;
      case '--noise-ms':
        opts.noiseIntervalMs = int(flag, value(), 0, 3_600_000);
        break;
      case '--no-pty':
        opts.pty = false;
        opts.tcp = true;
        break;
      case '--help':
      case '-h':
        throw new Error(USAGE);
      default:
        throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  let opts: SimulatorOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
  const sim = await Simulator.start(opts);
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  out(`ipgeum modem simulator: ${sim.modems.length} modem(s)`);
  for (const m of sim.modems) {
    out(
      `  ${m.id}  ${[m.path, m.tcpUrl].filter(Boolean).join('  ')}  imei=${m.imei} iccid=${m.iccid} ` +
        `number=${m.phoneNumber ?? '(none)'}`,
    );
  }
  out(`MODEMS=${sim.modems.map((m) => m.path || m.tcpUrl).join(',')}`);
  out(`control API: ${sim.controlUrl}  (GET /modems, POST /modems/<id>/sms {"sender","text"})`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    out(`${signal}: stopping simulator`);
    sim.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`close failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => stop('SIGHUP'));
  // `npm run sim` killed with a signal npm does not forward leaves us orphaned: notice and stop
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) {
      stop('parent exited');
    }
  }, 1000).unref();
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`simulator failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
