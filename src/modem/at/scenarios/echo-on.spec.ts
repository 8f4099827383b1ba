import { SILENT_LOGGER } from 'src/modem/testing/harness';
import { FakeModem } from 'src/modem/testing/fake-modem';
import { AtEngine } from 'src/modem/at/at-engine';
import { infoCommand, parseImei } from 'src/modem/at/commands/identity.command';

describe('echo on', () => {
  it('should skip echo lines until ATE0 is processed and report that echo was seen', async () => {
    const modem = new FakeModem();
    await modem.transport.open();
    const engine = new AtEngine(modem.transport, { port: 'p', logger: SILENT_LOGGER, commandTimeoutMs: 100 });
    const echoes: string[] = [];
    engine.on('echo', (line) => echoes.push(line));

    // Bare-line reply (IMEI) with echo on: the echo must not be taken for the IMEI line.
    const imei = await engine.send(infoCommand('AT+CGSN'));
    expect(imei.lines).toEqual(['861234567890123']);
    expect(parseImei(imei.lines)).toBe('861234567890123');
    expect(imei.echoed).toBe(true);

    await engine.send('ATE0');
    const after = await engine.send(infoCommand('AT+CGSN'));
    expect(after.echoed).toBe(false);
    expect(echoes).toEqual(['AT+CGSN', 'ATE0']);
  });
});
