import { SILENT_LOGGER } from 'src/modem/testing/harness';
import { MemoryTransport } from 'src/modem/transport/memory.transport';
import { AtEngine, runSingleCommand } from './at-engine';
import { AtEngineClosedError } from './at.errors';

async function setup(): Promise<{ transport: MemoryTransport; engine: AtEngine }> {
  const transport = new MemoryTransport('mem0');
  await transport.open();
  const engine = new AtEngine(transport, { port: 'mem0', logger: SILENT_LOGGER, commandTimeoutMs: 100 });
  return { transport, engine };
}

const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('AtEngine', () => {
  it('should resolve a command with its information lines and final result', async () => {
    const { transport, engine } = await setup();
    transport.onWrite = (data, t) => data === 'AT+CSQ\r' && t.emitLines('+CSQ: 21,99', 'OK');
    await expect(engine.send({ text: 'AT+CSQ', prefixes: ['+CSQ:'] })).resolves.toEqual({
      command: 'AT+CSQ',
      lines: ['+CSQ: 21,99'],
      final: 'OK',
      echoed: false,
    });
  });

  it('should keep one command in flight and write the next only after the previous final result', async () => {
    const { transport, engine } = await setup();
    const first = engine.send('AT+CMEE=1');
    const second = engine.send('AT+CMGF=0');
    await flush();
    expect(transport.commands).toEqual(['AT+CMEE=1']);
    transport.emitLines('OK');
    await first;
    await flush();
    expect(transport.commands).toEqual(['AT+CMEE=1', 'AT+CMGF=0']);
    transport.emitLines('OK');
    await second;
  });

  it('should register the waiter before the write so a reply arriving during the write is not lost', async () => {
    const { transport, engine } = await setup();
    const write = transport.write.bind(transport);
    transport.write = async (data) => {
      await write(data);
      transport.emitLines('OK'); // reply before write() resolved
    };
    await expect(engine.send('AT')).resolves.toMatchObject({ final: 'OK' });
  });

  it('should write the payload and Ctrl-Z after the "> " prompt', async () => {
    const { transport, engine } = await setup();
    transport.onWrite = (data, t) => {
      if (data.startsWith('AT+CMGW')) {
        t.emitData('\r\n> ');
      } else if (data.endsWith('\x1a')) {
        t.emitLines('+CMGW: 4', 'OK');
      }
    };
    const response = await engine.send({
      text: 'AT+CMGW=18',
      promptPayload: '0011AABB',
      prefixes: ['+CMGW:'],
    });
    expect(transport.writes[1]).toBe('0011AABB\x1a');
    expect(response.lines).toEqual(['+CMGW: 4']);
  });

  it('should reject queued and active commands when closed', async () => {
    const { engine } = await setup();
    const active = engine.send('AT');
    const queued = engine.send('AT+CSQ');
    engine.close('unplugged');
    await expect(active).rejects.toBeInstanceOf(AtEngineClosedError);
    await expect(queued).rejects.toBeInstanceOf(AtEngineClosedError);
    await expect(engine.send('AT')).rejects.toBeInstanceOf(AtEngineClosedError);
  });

  it('should answer one console command with its lines, returning error results too', async () => {
    const transport = new MemoryTransport('console');
    transport.onWrite = (data, t) => {
      if (data.startsWith('AT+CPMS?')) {
        t.emitLines('+CPMS: "SM",1,30,"SM",1,30,"SM",1,30', 'OK');
      } else {
        t.emitLines('+CME ERROR: 10');
      }
    };
    const factory = { transportFactory: () => transport };
    await expect(runSingleCommand('console', 115200, 'AT+CPMS?', 100, factory)).resolves.toEqual([
      '+CPMS: "SM",1,30,"SM",1,30,"SM",1,30',
      'OK',
    ]);
    expect(transport.isOpen).toBe(false);
    await expect(runSingleCommand('console', 115200, 'AT+CCID', 100, factory)).resolves.toEqual([
      '+CME ERROR: 10',
    ]);
  });
});
