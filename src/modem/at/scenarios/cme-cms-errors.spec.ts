import { ErrorCode } from 'src/common/app-error';

import { SILENT_LOGGER } from 'src/modem/testing/harness';
import { MemoryTransport } from 'src/modem/transport/memory.transport';
import { AtEngine } from 'src/modem/at/at-engine';
import { AtCmeError, AtCmsError, AtCommandError, AtErrorResultError } from 'src/modem/at/at.errors';

async function reply(...lines: string[]): Promise<unknown> {
  const transport = new MemoryTransport('/dev/ttyUSB2');
  await transport.open();
  const engine = new AtEngine(transport, {
    port: '/dev/ttyUSB2',
    logger: SILENT_LOGGER,
    commandTimeoutMs: 100,
  });
  transport.onWrite = (_d, t) => t.emitLines(...lines);
  return engine.send('AT+CMGR=7').then(
    () => null,
    (error: unknown) => error,
  );
}

describe('CME/CMS errors', () => {
  it('should type a numeric +CMS ERROR with code, port and command', async () => {
    const error = (await reply('+CMS ERROR: 321')) as AtCmsError;
    expect(error).toBeInstanceOf(AtCmsError);
    expect(error).toBeInstanceOf(AtCommandError);
    expect(error.code).toBe(ErrorCode.AtCmsError);
    expect(error.atCode).toBe(321);
    expect(error.port).toBe('/dev/ttyUSB2');
    expect(error.command).toBe('AT+CMGR=7');
    expect(error.message).toContain('invalid memory index');
    expect(error.stack).toContain('queued at');
  });

  it('should type a numeric +CME ERROR', async () => {
    const error = (await reply('+CME ERROR: 10')) as AtCmeError;
    expect(error).toBeInstanceOf(AtCmeError);
    expect(error.code).toBe(ErrorCode.AtCmeError);
    expect(error.atCode).toBe(10);
  });

  it('should map verbose errors back to their codes', async () => {
    expect(((await reply('+CME ERROR: SIM busy')) as AtCmeError).atCode).toBe(14);
    expect(((await reply('+CMS ERROR: memory full')) as AtCmsError).atCode).toBe(322);
    const unknown = (await reply('+CME ERROR: something vendor-specific')) as AtCmeError;
    expect(unknown.atCode).toBeNull();
    expect(unknown.message).toContain('something vendor-specific');
  });

  it('should type plain ERROR and Huawei COMMAND NOT SUPPORT', async () => {
    expect(await reply('ERROR')).toBeInstanceOf(AtErrorResultError);
    expect(((await reply('COMMAND NOT SUPPORT')) as AtCommandError).code).toBe(ErrorCode.AtError);
  });
});
