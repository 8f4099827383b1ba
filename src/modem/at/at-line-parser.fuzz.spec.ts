import fc from 'fast-check';

import { SILENT_LOGGER } from 'src/modem/testing/harness';
import { MemoryTransport } from 'src/modem/transport/memory.transport';
import { AtEngine } from './at-engine';
import { AtLineParser } from './at-line-parser';
import { UrcRouter } from './urc-router';

const TOKENS = [
  'OK',
  'ERROR',
  '+CMTI: "SM",3',
  '+CMTI: ,-1',
  '+CMTI:',
  '+CMT: ,24',
  '+CMT:',
  '+CDS: 25',
  '07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07',
  '+CME ERROR: 10',
  '+CMS ERROR: ',
  '+CMGL: 1,0,,23',
  '+CMGR: ,,',
  '^RSSI:13',
  '^BOOT:20952483,0,0,0,72',
  'RDY',
  'SMS Ready',
  '> ',
  '+CREG: x',
  '+CREG: 1,"00C3","0000B2C1"',
  '"',
  ',,,,',
  '\u0000\u00ff',
];

const streamArb = fc.array(
  fc.oneof(
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
    fc
      .array(fc.constantFrom(...TOKENS), { maxLength: 8 })
      .chain((tokens) =>
        fc.constantFrom('\r\n', '\n', '\r', '').map((sep) => Buffer.from(tokens.join(sep) + sep, 'latin1')),
      ),
  ),
  { maxLength: 30 },
);

describe('AT framing fuzz', () => {
  it('should never throw from the line parser for random or truncated bytes', () => {
    fc.assert(
      fc.property(streamArb, (chunks) => {
        const parser = new AtLineParser();
        for (const chunk of chunks) {
          for (const frame of parser.push(chunk)) {
            if (frame.type === 'line') {
              expect(frame.line).toBe(frame.line.trim());
              expect(frame.line.length).toBeGreaterThan(0);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('should never throw from the URC router for random lines', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom(...TOKENS)), { maxLength: 40 }), (input) => {
        const router = new UrcRouter();
        router.on('urc', () => undefined);
        for (const line of input) {
          router.offer(line);
        }
        router.reset();
      }),
      { numRuns: 300 },
    );
  });

  it('should let no throw escape the engine while random bytes arrive during a command', async () => {
    await fc.assert(
      fc.asyncProperty(streamArb, async (chunks) => {
        const transport = new MemoryTransport();
        await transport.open();
        const engine = new AtEngine(transport, { port: 'fuzz', logger: SILENT_LOGGER, commandTimeoutMs: 20 });
        engine.router.on('urc', () => {
          throw new Error('listener bug');
        });
        const pending = engine.send('AT+CMGL=4').then(
          () => 'done',
          (error: Error) => error.name,
        );
        for (const chunk of chunks) {
          transport.emitData(chunk);
        }
        transport.emitData('\r\nOK\r\n');
        const outcome = await pending;
        expect(['done', 'AtErrorResultError', 'AtCmeError', 'AtCmsError', 'AtTimeoutError']).toContain(
          outcome,
        );
        engine.close();
      }),
      { numRuns: 100 },
    );
  });
});
