/**
 * The simulator end to end over real pseudo-terminals (socat) opened with serialport, over tcp, and
 * through the HTTP control API.
 */
import { existsSync } from 'node:fs';
import { request } from 'node:http';

import { parseAtCommand } from 'hardware/simulator/at-command';
import { liveSocatPids } from 'hardware/simulator/pty-link';
import { Simulator } from 'hardware/simulator/simulator';
import { AtClient } from 'hardware/simulator/testing/at-client';
import { decodeDeliver } from 'hardware/simulator/testing/decode-deliver';

jest.setTimeout(20_000);

interface HttpReply {
  status: number;
  body: unknown;
}

function http(method: string, url: string, body?: unknown): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = request(
      url,
      { method, headers: payload ? { 'content-type': 'application/json' } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const decode = decodeDeliver;

describe('Simulator over a pty', () => {
  let sim: Simulator;
  let client: AtClient | null = null;

  beforeAll(async () => {
    sim = await Simulator.start({
      modems: 2,
      tcp: true,
      storageSlots: 5,
      phoneNumbers: ['+821055550000', null],
    });
  });

  afterEach(async () => {
    await client?.close();
    client = null;
    for (const m of sim.modems) {
      sim.modem(m.id).storage.clear();
      sim.modem(m.id).resetBehaviours();
      sim.modem(m.id).setFaults({ hang: false, delayMs: 0, dropCmti: 0, storageFull: false });
    }
  });

  afterAll(async () => {
    await sim.close();
  });

  it('should create one pty link per modem with distinct identities', () => {
    expect(sim.modems.map((m) => m.id)).toEqual(['sim0', 'sim1']);
    for (const m of sim.modems) {
      expect(existsSync(m.path)).toBe(true);
      expect(m.tcpUrl).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    }
    const [a, b] = sim.modems;
    expect(a.imei).not.toBe(b.imei);
    expect(a.iccid).not.toBe(b.iccid);
    expect(a.imsi).not.toBe(b.imsi);
    expect(a.phoneNumber).toBe('+821055550000');
    expect(b.phoneNumber).toBeNull();
  });

  it('should echo before ATE0, not after, and frame answers with CR LF', async () => {
    client = await AtClient.openSerial(sim.modems[0].path);
    sim.modem('sim0').reboot(); // a fresh power-on state whatever earlier tests did
    await new Promise((r) => setTimeout(r, 100));
    expect(await client.command('AT')).toMatch(/AT\r\r\nOK\r\n$/);
    expect(await client.command('ATE0')).toBe('ATE0\r\r\nOK\r\n');
    expect(await client.command('AT+CGMI')).toBe('\r\nIpgeum\r\n\r\nOK\r\n');
    expect(await client.command('AT+CNUM')).toBe('\r\n+CNUM: "","+821055550000",145\r\n\r\nOK\r\n');
    expect(await client.command(`AT+CGSN`)).toBe(`\r\n${sim.modems[0].imei}\r\n\r\nOK\r\n`);
  });

  it('should announce an injected SMS with +CMTI, read it with +CMGR and free the slot with +CMGD', async () => {
    client = await AtClient.openSerial(sim.modems[0].path);
    await client.command('ATE0');
    await client.command('AT+CMEE=1');
    await client.command('AT+CMGF=0');
    await client.command('AT+CNMI=2,1,0,0,0');
    const text = '[Web발신]\n국민 03/05 12:34\n123456**789\n홍길동\n입금 50,000\n잔액 1,234,567';
    const indexes = await sim.injectSms('sim0', { sender: '16449999', text });
    expect(indexes).toEqual([1]);
    await client.waitFor(/\r\n\+CMTI: "SM",1\r\n/);

    const reply = await client.command('AT+CMGR=1');
    const m = /\r\n\+CMGR: 0,,(\d+)\r\n([0-9A-F]+)\r\n\r\nOK\r\n$/.exec(reply);
    expect(m).not.toBeNull();
    const decoded = decode(m?.[2] ?? '');
    expect(decoded.sender).toBe('16449999');
    expect(decoded.text).toBe(text);
    expect(sim.storage('sim0')).toEqual([{ index: 1, pdu: m?.[2], status: 1 }]);

    expect(await client.command('AT+CMGD=1')).toBe('\r\nOK\r\n');
    expect(sim.storage('sim0')).toEqual([]);
    expect(await client.command('AT+CPMS?')).toContain('+CPMS: "SM",0,5,"SM",0,5,"SM",0,5');
  });

  it('should keep the defaults when a test overrides the +CMGR behaviour', async () => {
    sim.modem('sim0').prependBehaviour({
      name: 'cmgr-321',
      onCommand: (line, ctx) => {
        if (parseAtCommand(line).name !== '+CMGR') {
          return false;
        }
        ctx.cmsError(321);
        return true;
      },
    });
    client = await AtClient.openSerial(sim.modems[0].path);
    await client.command('ATE0');
    await client.command('AT+CMEE=1;+CNMI=2,1,0,0,0');
    await sim.injectSms('sim0', { sender: '+821012345678', text: 'x' });
    await client.waitFor(/\+CMTI: "SM",1\r\n/);
    expect(await client.command('AT+CMGR=1')).toBe('\r\n+CMS ERROR: 321\r\n');
    expect(await client.command('AT+CMGL=4')).toMatch(/\+CMGL: 1,0,,\d+\r\n[0-9A-F]+\r\n\r\nOK\r\n$/);
  });

  it('should survive the gateway closing and reopening the pty', async () => {
    client = await AtClient.openSerial(sim.modems[1].path);
    await client.command('ATE0');
    await client.close();
    client = await AtClient.openSerial(sim.modems[1].path);
    expect(await client.command('AT+CNUM')).toBe('\r\nOK\r\n'); // no own number on sim1
  });

  it('should serve the same modem on tcp, one client at a time', async () => {
    client = await AtClient.openTcp(sim.modems[1].tcpUrl as string);
    await client.command('ATE0');
    expect(await client.command('AT+CIMI')).toBe(`\r\n${sim.modems[1].imsi}\r\n\r\nOK\r\n`);
    const second = await AtClient.openTcp(sim.modems[1].tcpUrl as string);
    second.write('AT\r');
    await new Promise((r) => setTimeout(r, 100));
    expect(second.received).toBe('');
    await second.close();
    expect(await client.command('AT')).toBe('\r\nOK\r\n');
  });

  describe('control API', () => {
    it('should list the modems with identity and storage', async () => {
      const reply = await http('GET', `${sim.controlUrl}/modems`);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual([
        expect.objectContaining({
          id: 'sim0',
          path: sim.modems[0].path,
          tcp: sim.modems[0].tcpUrl,
          imei: sim.modems[0].imei,
          iccid: sim.modems[0].iccid,
          imsi: sim.modems[0].imsi,
          phoneNumber: '+821055550000',
          storage: { used: 0, total: 5 },
        }),
        expect.objectContaining({ id: 'sim1', phoneNumber: null }),
      ]);
    });

    it('should inject an SMS with 201 and the storage indexes, visible on the pty', async () => {
      client = await AtClient.openSerial(sim.modems[0].path);
      await client.command('ATE0');
      await client.command('AT+CNMI=2,1,0,0,0');
      const reply = await http('POST', `${sim.controlUrl}/modems/sim0/sms`, {
        sender: '15778000',
        text: '신한 입금 30,000원',
        encoding: 'ksc5601',
      });
      expect(reply).toEqual({ status: 201, body: { indexes: [1] } });
      await client.waitFor(/\+CMTI: "SM",1\r\n/);
      const storage = await http('GET', `${sim.controlUrl}/modems/sim0/storage`);
      expect(storage.body).toEqual(
        expect.objectContaining({
          used: 1,
          total: 5,
          messages: [expect.objectContaining({ index: 1, status: 0 })],
        }),
      );
      const log = (await http('GET', `${sim.controlUrl}/modems/sim0/log`)).body as {
        dir: string;
        line: string;
      }[];
      expect(log).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ dir: 'in', line: 'AT+CNMI=2,1,0,0,0' }),
          expect.objectContaining({ dir: 'out', line: '+CMTI: "SM",1' }),
        ]),
      );
    });

    it.each([
      [{ text: 'hi' }, /sender/],
      [{ sender: '', text: 'hi' }, /sender/],
      [{ sender: 'ThisNameIsTooLong', text: 'hi' }, /sender/],
      [{ sender: '+821012345678' }, /text/],
      [{ sender: '+821012345678', text: 'hi', encoding: 'utf8' }, /encoding/],
      [{ sender: '+821012345678', text: '한글', encoding: 'gsm7' }, /text/],
      [{ sender: '+821012345678', text: 'hi', smscTimestamp: 'yesterday' }, /smscTimestamp/],
      ['not json', /JSON/],
    ])('should answer 400 naming the field for %j', async (body, field) => {
      const reply = await http('POST', `${sim.controlUrl}/modems/sim0/sms`, body);
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual(expect.objectContaining({ statusCode: 400, error: 'Bad Request' }));
      expect((reply.body as { message: string }).message).toMatch(field);
    });

    it('should answer 404 for an unknown modem and 507 when the storage is full', async () => {
      expect((await http('GET', `${sim.controlUrl}/modems/nope/storage`)).status).toBe(404);
      await http('PATCH', `${sim.controlUrl}/modems/sim0/faults`, { storageFull: true });
      const full = await http('POST', `${sim.controlUrl}/modems/sim0/sms`, {
        sender: '+821012345678',
        text: 'x',
      });
      expect(full.status).toBe(507);
      expect((full.body as { message: string }).message).toContain('322');
    });

    it('should hang and recover a modem through the faults endpoint', async () => {
      client = await AtClient.openSerial(sim.modems[0].path);
      await client.command('ATE0');
      expect((await http('PATCH', `${sim.controlUrl}/modems/sim0/faults`, { hang: true })).status).toBe(200);
      await expect(client.command('AT', 200)).rejects.toThrow(/timeout/);
      await http('PATCH', `${sim.controlUrl}/modems/sim0/faults`, { hang: false });
      expect(await client.command('AT')).toBe('\r\nOK\r\n');
      expect((await http('PATCH', `${sim.controlUrl}/modems/sim0/faults`, { hang: 'yes' })).status).toBe(400);
    });
  });

  it('should unplug (pty gone, port closed) and replug (same path, boot banner, echo back on)', async () => {
    const { path } = sim.modems[1];
    client = await AtClient.openSerial(path);
    await client.command('ATE0');
    const unplug = await http('POST', `${sim.controlUrl}/modems/sim1/unplug`);
    expect(unplug.status).toBe(200);
    expect(existsSync(path)).toBe(false);
    await client.close();

    await http('POST', `${sim.controlUrl}/modems/sim1/replug`);
    expect(existsSync(path)).toBe(true);
    client = await AtClient.openSerial(path);
    await client.waitFor(/\r\nRDY\r\n/, 2000, 0);
    expect(await client.command('AT')).toBe('AT\r\r\nOK\r\n');
  });

  it('should bring the pty back when socat is killed from outside', async () => {
    const { path } = sim.modems[0];
    const before = liveSocatPids();
    const victim = before[0];
    process.kill(victim, 'SIGKILL');
    const deadline = Date.now() + 3000;
    while (liveSocatPids().includes(victim) || liveSocatPids().length < before.length || !existsSync(path)) {
      if (Date.now() > deadline) {
        throw new Error('socat was not respawned');
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    client = await AtClient.openSerial(path);
    expect(await client.command('AT')).toMatch(/OK\r\n$/);
  });
});

describe('Simulator lifecycle', () => {
  it('should kill its socat children and remove its links and temp dir on close', async () => {
    const sim = await Simulator.start({ modems: 3, controlPort: null });
    const pids = liveSocatPids();
    expect(pids.length).toBeGreaterThanOrEqual(3);
    const paths = sim.modems.map((m) => m.path);
    await sim.close();
    for (const pid of pids) {
      expect(alive(pid)).toBe(false);
    }
    for (const p of paths) {
      expect(existsSync(p)).toBe(false);
    }
    expect(existsSync(sim.dir)).toBe(false);
    await sim.close(); // idempotent
  });

  it('should run tcp-only without socat when pty is off', async () => {
    const sim = await Simulator.start({ modems: 1, pty: false, tcp: true, idPrefix: 'net' });
    try {
      expect(sim.modems[0]).toEqual(expect.objectContaining({ id: 'net0', path: '' }));
      const client = await AtClient.openTcp(sim.modems[0].tcpUrl as string);
      expect(await client.command('AT+CPIN?')).toBe('AT+CPIN?\r\r\n+CPIN: READY\r\n\r\nOK\r\n');
      await client.close();
    } finally {
      await sim.close();
    }
  });
});
