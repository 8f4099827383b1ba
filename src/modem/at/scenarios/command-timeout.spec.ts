import { ErrorCode } from 'src/common/app-error';

import { SILENT_LOGGER } from 'src/modem/testing/harness';
import { MemoryTransport } from 'src/modem/transport/memory.transport';
import { AtEngine } from 'src/modem/at/at-engine';
import { AtTimeoutError } from 'src/modem/at/at.errors';

async function setup(): Promise<{ transport: MemoryTransport; engine: AtEngine }> {
  const transport = new MemoryTransport('p');
  await transport.open();
  const engine = new AtEngine(transport, {
    port: 'p',
    logger: SILENT_LOGGER,
    commandTimeoutMs: 40,
    resyncQuietMs: 5,
  });
  return { transport, engine };
}

describe('command timeout', () => {
  it('should reject with a typed timeout when no final result arrives', async () => {
    const { engine } = await setup();
    const timeouts: AtTimeoutError[] = [];
    engine.on('timeout', (e) => timeouts.push(e));
    const error = (await engine.send('AT+CSQ').catch((e: unknown) => e)) as AtTimeoutError;
    expect(error).toBeInstanceOf(AtTimeoutError);
    expect(error.code).toBe(ErrorCode.AtTimeout);
    expect(error.command).toBe('AT+CSQ');
    expect(error.reason).toEqual({ kind: 'timeout', phase: 'response', timeoutMs: 40 });
    expect(timeouts).toHaveLength(1);
    expect(engine.isStale).toBe(true);
  });

  it('should start the timer only after the write completed and time out a write that never completes', async () => {
    const { transport, engine } = await setup();
    transport.stallWrites = true;
    const error = (await engine.send('AT').catch((e: unknown) => e)) as AtTimeoutError;
    expect(error.reason).toMatchObject({ kind: 'timeout', phase: 'write' });
  });

  it('should not let the late OK of a timed-out command complete the next one', async () => {
    const { transport, engine } = await setup();
    let n = 0;
    transport.onWrite = (data, t) => {
      n += 1;
      if (n === 1) {
        setTimeout(() => t.emitLines('OK'), 60); // after the 40 ms timeout: late
      } else if (data === 'AT\r') {
        t.emitLines('OK');
      } else if (data === 'AT+CPMS?\r') {
        setTimeout(() => t.emitLines('+CPMS: "SM",2,30,"SM",2,30,"SM",2,30', 'OK'), 5);
      }
    };
    await expect(engine.send('AT+CMGD=3')).rejects.toBeInstanceOf(AtTimeoutError);
    const response = await engine.send({ text: 'AT+CPMS?', prefixes: ['+CPMS:'] });
    expect(response.lines).toEqual(['+CPMS: "SM",2,30,"SM",2,30,"SM",2,30']);
    expect(transport.commands).toEqual(['AT+CMGD=3', 'AT', 'AT+CPMS?']);
    expect(engine.isStale).toBe(false);
  });

  it('should report a failed resync when the modem stays silent', async () => {
    const { engine } = await setup();
    await expect(engine.resync({ timeoutMs: 20 })).resolves.toBe(false);
  });
});
