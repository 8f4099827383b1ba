import { SILENT_LOGGER } from 'src/modem/testing/harness';
import { MemoryTransport } from 'src/modem/transport/memory.transport';
import { AtEngine } from 'src/modem/at/at-engine';
import { Urc } from 'src/modem/at/urc-router';

describe('garbage and partial lines', () => {
  it('should assemble a reply delivered byte by byte among line noise', async () => {
    const transport = new MemoryTransport();
    await transport.open();
    const engine = new AtEngine(transport, { port: 'p', logger: SILENT_LOGGER, commandTimeoutMs: 200 });
    const urcs: Urc[] = [];
    const unclaimed: string[] = [];
    engine.router.on('urc', (u) => urcs.push(u));
    engine.on('unclaimed', (l) => unclaimed.push(l));
    transport.onWrite = (_d, t) => {
      const bytes = Buffer.concat([
        Buffer.from([0x00, 0xff, 0xfe]),
        Buffer.from('\r\n~~garbage~~\n\r+CS'),
        Buffer.from('Q: 2'),
        Buffer.from('1,99\r'),
        Buffer.from('\n\r\n+CMTI: "SM",'),
        Buffer.from('5\n'),
        Buffer.from('\r\nO'),
        Buffer.from('K\r\n'),
      ]);
      for (const byte of bytes) {
        t.emitData(Buffer.from([byte]));
      }
    };
    const response = await engine.send({ text: 'AT+CSQ', prefixes: ['+CSQ:'] });
    expect(response.lines).toEqual(['+CSQ: 21,99']);
    expect(urcs).toMatchObject([{ type: 'cmti', storage: 'SM', index: 5 }]);
    expect(unclaimed).toEqual(['~~garbage~~']);
  });

  it('should drop lines arriving with no command active without failing later commands', async () => {
    const transport = new MemoryTransport();
    await transport.open();
    const engine = new AtEngine(transport, { port: 'p', logger: SILENT_LOGGER, commandTimeoutMs: 100 });
    transport.emitData('\r\nstale junk\r\n+CSQ: 1,1\r\n+CMTI: "SM"');
    transport.onWrite = (_d, t) => t.emitData(',7\r\n\r\nOK\r\n');
    await expect(engine.send('AT')).resolves.toMatchObject({ final: 'OK' });
  });
});
