import { SILENT_LOGGER } from 'src/modem/testing/harness';
import { MemoryTransport } from 'src/modem/transport/memory.transport';
import { AtEngine } from 'src/modem/at/at-engine';
import { listMessagesCommand, parseMessageList } from 'src/modem/at/commands/cmgl.command';
import { Urc } from 'src/modem/at/urc-router';

const A = '0791198948004544040C9119894882006200007050307040042206CF35689E9603';
const B = '0791534850020200040C9153486507895500006090608164138004D4F29C0E';

describe('+CMTI inside a +CMGL listing', () => {
  it.each([true, false])('should route the +CMTI and keep the listing intact (echo %s)', async (echo) => {
    const transport = new MemoryTransport();
    await transport.open();
    const engine = new AtEngine(transport, { port: 'p', logger: SILENT_LOGGER, commandTimeoutMs: 100 });
    const urcs: Urc[] = [];
    engine.router.on('urc', (urc) => urcs.push(urc));
    transport.onWrite = (data, t) => {
      const lines = ['+CMGL: 1,1,,25', A, '+CMTI: "SM",3', '+CMGL: 2,0,,23', '^RSSI:9', B, 'OK'];
      t.emitData((echo ? data : '') + lines.map((l) => `\r\n${l}\r\n`).join(''));
    };
    const response = await engine.send(listMessagesCommand());
    expect(parseMessageList(response.lines).map((m) => [m.index, m.status, m.pdu])).toEqual([
      [1, 1, A],
      [2, 0, B],
    ]);
    expect(urcs.filter((u) => u.type === 'cmti')).toMatchObject([{ storage: 'SM', index: 3 }]);
    expect(response.echoed).toBe(echo);
  });
});
