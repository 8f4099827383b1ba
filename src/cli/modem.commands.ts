import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from 'src/config/env.dto';
import { runSingleCommand } from 'src/modem/at/at-engine';

const PROBE_TIMEOUT_MS = 2000;

/** Device nodes that may be modems: stable by-id links first, then raw USB/ACM ttys, then MODEMS. */
export function candidatePorts(config: AppConfig): string[] {
  const list = (dir: string, match: RegExp) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((name) => match.test(name))
          .sort()
          .map((name) => join(dir, name))
      : [];
  const configured = config.modems.filter((port) => port !== 'auto');
  return [
    ...new Set([...list('/dev/serial/by-id', /./), ...list('/dev', /^tty(USB|ACM)\d+$/), ...configured]),
  ];
}

/** `ipgeum modems scan`: every candidate port probed with AT, with model and SIM identity. */
export async function scanCommand(config: AppConfig, output: NodeJS.WritableStream): Promise<number> {
  const ports = candidatePorts(config);
  if (ports.length === 0) {
    output.write(
      'no serial ports found (looked in /dev/serial/by-id, /dev/ttyUSB*, /dev/ttyACM* and MODEMS)\n',
    );
    return 1;
  }
  for (const port of ports) {
    const ask = async (command: string) => {
      const lines = await runSingleCommand(port, config.modemBaud, command, PROBE_TIMEOUT_MS);
      const final = lines[lines.length - 1];
      return final === 'OK'
        ? lines
            .slice(0, -1)
            .join(' ')
            .replace(/^\+\w+:\s*/, '')
            .trim() || null
        : null;
    };
    try {
      if (!(await runSingleCommand(port, config.modemBaud, 'AT', PROBE_TIMEOUT_MS)).includes('OK')) {
        output.write(`${port}\tno AT answer\n`);
        continue;
      }
      const [manufacturer, model, imei, imsi, iccid, number] = [
        await ask('AT+CGMI'),
        await ask('AT+CGMM'),
        await ask('AT+CGSN'),
        await ask('AT+CIMI'),
        (await ask('AT+CCID')) ?? (await ask('AT^ICCID?')) ?? (await ask('AT+QCCID')),
        await ask('AT+CNUM'),
      ];
      output.write(
        `${port}\tmodem\t${manufacturer ?? '?'} ${model ?? '?'}\timei=${imei ?? '?'}\timsi=${imsi ?? '?'}\ticcid=${iccid ?? '?'}\tnumber=${number ?? '?'}\n`,
      );
    } catch (error) {
      output.write(`${port}\terror\t${(error as Error).message}\n`);
    }
  }
  return 0;
}

/** `ipgeum at <port> <command>`: the operator console. */
export async function atCommand(
  config: AppConfig,
  port: string,
  command: string,
  output: NodeJS.WritableStream,
): Promise<number> {
  const lines = await runSingleCommand(port, config.modemBaud, command, 10_000);
  output.write(`${lines.join('\n')}\n`);
  return lines[lines.length - 1] === 'OK' ? 0 : 2;
}
