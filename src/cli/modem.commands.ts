import { AppConfig } from 'src/config/env.dto';
import { runSingleCommand } from 'src/modem/at/at-engine';
import { MODEMS_AUTO } from 'src/modem/modem-scanner';
import { listSerialPorts, SerialScanOptions } from 'src/modem/transport/serial-port.transport';

const PROBE_TIMEOUT_MS = 2000;

/** Serial ports that may be modems (OS list, `/dev/serial/by-id`, `ttyUSB*`/`ttyACM*`), then MODEMS. */
export async function candidatePorts(config: AppConfig, scan?: SerialScanOptions): Promise<string[]> {
  const listed = (await listSerialPorts(scan)).map((port) => port.path);
  const configured = config.modems.filter((port) => port !== MODEMS_AUTO);
  return [...new Set([...listed, ...configured])];
}

/** `ipgeum modems scan`: every candidate port probed with AT, with model and SIM identity. */
export async function scanCommand(
  config: AppConfig,
  output: NodeJS.WritableStream,
  scan?: SerialScanOptions,
): Promise<number> {
  const ports = await candidatePorts(config, scan);
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
