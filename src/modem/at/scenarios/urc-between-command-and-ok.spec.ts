import { SILENT_LOGGER } from 'src/modem/testing/harness';
import { MemoryTransport } from 'src/modem/transport/memory.transport';
import { AtEngine } from 'src/modem/at/at-engine';
import { readMessageCommand, parseReadMessage } from 'src/modem/at/commands/cmgr.command';
import { Urc } from 'src/modem/at/urc-router';

const PDU = '0791534850020200040C9153486507895500006090608164138004D4F29C0E';

describe('URC between a command and its OK', () => {
  it('should route +CMTI, RING, +CREG and vendor noise out of a +CMGR response', async () => {
    const transport = new MemoryTransport();
    await transport.open();
    const engine = new AtEngine(transport, { port: 'p', logger: SILENT_LOGGER, commandTimeoutMs: 100 });
    const urcs: Urc['type'][] = [];
    engine.router.on('urc', (urc) => urcs.push(urc.type));
    transport.onWrite = (_data, t) =>
      t.emitLines(
        '^RSSI:13',
        '+CMGR: 0,23',
        '+CMTI: "SM",4',
        PDU,
        'RING',
        '+CREG: 1',
        '^BOOT:20952483,0,0,0,72',
        'OK',
      );
    const response = await engine.send(readMessageCommand(3));
    expect(parseReadMessage(response.lines)).toEqual({ status: 0, alpha: null, length: 23, pdu: PDU });
    expect(urcs).toEqual(['noise', 'cmti', 'ring', 'creg', 'noise']);
  });

  it('should not let boot chatter (RDY, +CPIN: READY, Call Ready, SMS Ready, +QIND) break a command', async () => {
    const transport = new MemoryTransport();
    await transport.open();
    const engine = new AtEngine(transport, { port: 'p', logger: SILENT_LOGGER, commandTimeoutMs: 100 });
    const urcs: string[] = [];
    engine.router.on('urc', (urc) => urcs.push(`${urc.type}:${urc.line}`));
    transport.onWrite = (_data, t) =>
      t.emitLines(
        'RDY',
        '+CPIN: READY',
        'Call Ready',
        '+CSQ: 18,99',
        'SMS Ready',
        '+QIND: PB DONE',
        '^MODE:5,4',
        'OK',
      );
    const response = await engine.send({ text: 'AT+CSQ', prefixes: ['+CSQ:'] });
    expect(response.lines).toEqual(['+CSQ: 18,99']);
    expect(urcs).toEqual([
      'boot:RDY',
      'noise:+CPIN: READY',
      'noise:Call Ready',
      'boot:SMS Ready',
      'noise:+QIND: PB DONE',
      'noise:^MODE:5,4',
    ]);
  });

  it('should complete a two-line +CMT URC even while a command is active', async () => {
    const transport = new MemoryTransport();
    await transport.open();
    const engine = new AtEngine(transport, { port: 'p', logger: SILENT_LOGGER, commandTimeoutMs: 100 });
    const urcs: Urc[] = [];
    engine.router.on('urc', (urc) => urcs.push(urc));
    transport.onWrite = (_data, t) => t.emitLines('+CMT: ,23', PDU, '+CSQ: 18,99', 'OK');
    const response = await engine.send({ text: 'AT+CSQ', prefixes: ['+CSQ:'] });
    expect(response.lines).toEqual(['+CSQ: 18,99']);
    expect(urcs).toMatchObject([{ type: 'cmt', length: 23, pdu: PDU }]);
  });
});
