import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';

import { SILENT_LOGGER } from 'src/modem/testing/harness';
import { MemoryTransport } from 'src/modem/transport/memory.transport';
import { AtCommand } from 'src/modem/at/at-command';
import { AtEngine } from 'src/modem/at/at-engine';
import { listMessagesCommand, parseMessageList } from 'src/modem/at/commands/cmgl.command';
import { parseReadMessage, readMessageCommand } from 'src/modem/at/commands/cmgr.command';
import { chooseCnmi, cnmiTestCommand, parseCnmiTest } from 'src/modem/at/commands/cnmi.command';
import { chooseStorages, parseStorageTest, storageTestCommand } from 'src/modem/at/commands/cpms.command';
import { Urc } from 'src/modem/at/urc-router';

interface Transcript {
  id: string;
  source: string;
  reply: string[];
  expected: unknown;
}

const load = (name: string): Transcript[] =>
  JSON.parse(
    readFileSync(join(__dirname, '../../../../test/fixtures/transcripts', name), 'utf8'),
  ) as Transcript[];

const URCS = ['^RSSI:13', '+CREG: 1', '+CMTI: "SM",9', 'RING', '^BOOT:20952483,0,0,0,72'];

/**
 * Serves `reply` (real modem output) with the echo optionally on, URCs interleaved between lines and
 * the bytes split at the given random boundaries.
 */
async function replay(
  command: AtCommand,
  reply: string[],
  options: { echo: boolean; cuts: number[]; urcAfter: number[] },
): Promise<{ lines: string[]; urcs: Urc[] }> {
  const transport = new MemoryTransport('replay');
  await transport.open();
  const engine = new AtEngine(transport, { port: 'replay', logger: SILENT_LOGGER, commandTimeoutMs: 500 });
  const urcs: Urc[] = [];
  engine.router.on('urc', (u) => urcs.push(u));
  transport.onWrite = (data, t) => {
    const lines: string[] = [];
    reply.forEach((line, i) => {
      lines.push(line);
      if (options.urcAfter.includes(i) && i < reply.length - 1) {
        lines.push(URCS[i % URCS.length]);
      }
    });
    const text = (options.echo ? data : '') + lines.map((l) => `\r\n${l}\r\n`).join('');
    const cuts = [...new Set(options.cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
    let from = 0;
    for (const cut of [...cuts, text.length]) {
      t.emitData(Buffer.from(text.slice(from, cut), 'latin1'));
      from = cut;
    }
  };
  const response = await engine.send(command);
  engine.close();
  return { lines: response.lines, urcs };
}

const optionsArb = fc.record({
  echo: fc.boolean(),
  cuts: fc.array(fc.nat({ max: 600 }), { maxLength: 25 }),
  urcAfter: fc.array(fc.nat({ max: 4 }), { maxLength: 3 }),
});

describe('real transcripts replayed at random byte boundaries', () => {
  it.each(load('cmgr.json').map((t) => [t.id, t] as const))(
    'should read %s from a +CMGR reply',
    async (_id, t) => {
      await fc.assert(
        fc.asyncProperty(optionsArb, async (options) => {
          const { lines, urcs } = await replay(readMessageCommand(1), t.reply, options);
          expect(parseReadMessage(lines)).toEqual({ alpha: null, ...(t.expected as object) });
          expect(urcs.length).toBe(new Set(options.urcAfter.filter((i) => i < t.reply.length - 1)).size);
        }),
        { numRuns: 25 },
      );
    },
  );

  it.each(load('cmgl.json').map((t) => [t.id, t] as const))(
    'should list %s from a +CMGL reply',
    async (_id, t) => {
      await fc.assert(
        fc.asyncProperty(optionsArb, async (options) => {
          const { lines } = await replay(listMessagesCommand(), t.reply, options);
          expect(parseMessageList(lines)).toEqual(
            (t.expected as object[]).map((e) => ({ alpha: null, ...e })),
          );
        }),
        { numRuns: 25 },
      );
    },
  );

  it.each(load('cnmi.json').map((t) => [t.id, t] as const))(
    'should negotiate CNMI from %s',
    async (_id, t) => {
      await fc.assert(
        fc.asyncProperty(optionsArb, async (options) => {
          const { lines } = await replay(cnmiTestCommand(), t.reply, options);
          expect(chooseCnmi(parseCnmiTest(lines))[0]).toEqual((t.expected as { chosen: number[] }).chosen);
        }),
        { numRuns: 15 },
      );
    },
  );

  it.each(load('cpms.json').map((t) => [t.id, t] as const))(
    'should choose storage from %s',
    async (_id, t) => {
      await fc.assert(
        fc.asyncProperty(optionsArb, async (options) => {
          const { lines } = await replay(storageTestCommand(), t.reply, options);
          expect(chooseStorages(parseStorageTest(lines))).toEqual(
            (t.expected as { chosen: string[] }).chosen,
          );
        }),
        { numRuns: 15 },
      );
    },
  );
});
