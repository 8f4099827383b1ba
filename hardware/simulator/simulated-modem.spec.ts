import { parseAtCommand } from 'hardware/simulator/at-command';
import { isLuhnValid, makeIdentity } from 'hardware/simulator/identity';
import type { ModemBehaviour } from 'hardware/simulator/modem-behaviour';
import type { PersonalityName } from 'hardware/simulator/personalities';
import { SimulatedModem, type SimulatedModemOptions } from 'hardware/simulator/simulated-modem';
import { StorageFullError } from 'hardware/simulator/simulator.errors';
import { decodeDeliver } from 'hardware/simulator/testing/decode-deliver';

const FINAL = /\r\n(OK|ERROR|\+CM[ES] ERROR: [^\r]*|COMMAND NOT SUPPORT)\r\n/;

/** An in-memory host for one modem: no pty, no timers beyond the modem's own. */
function harness(opts: Partial<SimulatedModemOptions> = {}) {
  const modem = new SimulatedModem({ id: 'm0', identity: makeIdentity('spec', 0), bootDelayMs: 5, ...opts });
  let out = '';
  modem.on('output', (b: Buffer) => (out += b.toString('latin1')));
  const until = async (pred: () => boolean, ms = 1000): Promise<void> => {
    const deadline = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > deadline) {
        throw new Error(`timeout; output so far ${JSON.stringify(out)}`);
      }
      await new Promise((r) => setTimeout(r, 2));
    }
  };
  return {
    modem,
    output: () => out,
    until,
    /** sends one line and returns everything written until its final result code */
    async at(line: string): Promise<string> {
      const start = out.length;
      modem.receive(`${line}\r`);
      await until(() => FINAL.test(out.slice(start)));
      const text = out.slice(start);
      const m = FINAL.exec(text) as RegExpExecArray;
      return text.slice(0, m.index + m[0].length);
    },
    /** sends one line and expects no final result within `ms` */
    async silent(line: string, ms = 50): Promise<string> {
      const start = out.length;
      modem.receive(`${line}\r`);
      await new Promise((r) => setTimeout(r, ms));
      return out.slice(start);
    },
    close: () => modem.close(),
  };
}

type Harness = ReturnType<typeof harness>;

async function initialised(opts: Partial<SimulatedModemOptions> = {}): Promise<Harness> {
  const h = harness(opts);
  await h.at('ATE0');
  await h.at('AT+CMEE=1');
  await h.at('AT+CNMI=2,1,0,0,0');
  return h;
}

describe('SimulatedModem', () => {
  let h: Harness;
  afterEach(() => h?.close());

  describe('framing and basics', () => {
    it('should echo the command line with CR while echo is on, then stop after ATE0', async () => {
      h = harness();
      expect(await h.at('AT')).toBe('AT\r\r\nOK\r\n');
      expect(await h.at('ATE0')).toBe('ATE0\r\r\nOK\r\n');
      expect(await h.at('AT')).toBe('\r\nOK\r\n');
      expect(await h.at('ATE1')).toBe('\r\nOK\r\n');
      expect(await h.at('AT')).toBe('AT\r\r\nOK\r\n');
    });

    it('should frame information responses with CR LF before the final OK', async () => {
      h = await initialised();
      expect(await h.at('AT+CSQ')).toBe('\r\n+CSQ: 23,99\r\n\r\nOK\r\n');
      expect(await h.at('AT+CPIN?')).toBe('\r\n+CPIN: READY\r\n\r\nOK\r\n');
      expect(await h.at('AT+COPS?')).toBe('\r\n+COPS: 0,0,"SKTelecom",7\r\n\r\nOK\r\n');
      expect(await h.at('AT+CREG?')).toBe('\r\n+CREG: 0,1\r\n\r\nOK\r\n');
    });

    it('should answer ERROR to an unknown command and ignore a line without AT', async () => {
      h = await initialised();
      expect(await h.at('AT+FOO')).toBe('\r\nERROR\r\n');
      expect(await h.silent('hello')).toBe('');
      expect(await h.at('\u001a\u001bAT')).toBe('\r\nOK\r\n');
    });

    it('should run chained commands with one final result and stop at the first error', async () => {
      h = harness();
      expect(await h.at('ATE0;+CMEE=1')).toBe('ATE0;+CMEE=1\r\r\nOK\r\n');
      expect(await h.at('AT+CGMI;+CGMM')).toBe('\r\nIpgeum\r\n\r\nVirtual GSM Modem\r\n\r\nOK\r\n');
      expect(await h.at('AT+CMEE=2;+CMGR=999;+CSQ')).toBe('\r\n+CMS ERROR: invalid memory index\r\n');
    });

    it('should format errors by +CMEE mode', async () => {
      h = harness();
      await h.at('ATE0');
      expect(await h.at('AT+CMGR=99')).toBe('\r\nERROR\r\n');
      await h.at('AT+CMEE=1');
      expect(await h.at('AT+CMGR=99')).toBe('\r\n+CMS ERROR: 321\r\n');
      await h.at('AT+CMEE=2');
      expect(await h.at('AT+CMGR=99')).toBe('\r\n+CMS ERROR: invalid memory index\r\n');
    });

    it('should refuse text mode and accept PDU mode', async () => {
      h = await initialised();
      expect(await h.at('AT+CMGF=0')).toBe('\r\nOK\r\n');
      expect(await h.at('AT+CMGF=1')).toBe('\r\n+CMS ERROR: 303\r\n');
    });

    it('should restore echo and defaults on ATZ', async () => {
      h = await initialised();
      await h.at('ATZ');
      expect(await h.at('AT+CNMI?')).toBe('AT+CNMI?\r\r\n+CNMI: 0,0,0,0,0\r\n\r\nOK\r\n');
    });
  });

  describe('identity', () => {
    it('should report a Luhn-valid IMEI, a Korean ICCID and IMSI and the own number', async () => {
      h = await initialised();
      const imei = /\r\n(\d{15})\r\n/.exec(await h.at('AT+CGSN'))?.[1] ?? '';
      expect(isLuhnValid(imei)).toBe(true);
      const iccid = /\+CCID: (\d+)/.exec(await h.at('AT+CCID'))?.[1] ?? '';
      expect(iccid).toMatch(/^8982\d{16}$/);
      expect(isLuhnValid(iccid)).toBe(true);
      expect(await h.at('AT+CIMI')).toMatch(/\r\n450\d{12}\r\n/);
      expect(await h.at('AT+CNUM')).toMatch(/^\r\n\+CNUM: "","\+8210\d{8}",145\r\n\r\nOK\r\n$/);
    });

    it('should answer the ICCID as swapped nibbles to the EF_ICCID read with AT+CRSM', async () => {
      h = await initialised();
      const iccid = h.modem.identity.iccid;
      const swapped = iccid.replace(/(.)(.)/g, '$2$1');
      expect(await h.at('AT+CRSM=176,12258,0,0,10')).toBe(`\r\n+CRSM: 144,0,"${swapped}"\r\n\r\nOK\r\n`);
    });

    it('should answer AT+CNUM with OK alone when the SIM does not know its number', async () => {
      h = await initialised({ identity: makeIdentity('spec', 0, null) });
      expect(await h.at('AT+CNUM')).toBe('\r\nOK\r\n');
    });

    it('should give distinct identities to the modems of one simulator', () => {
      const ids = Array.from({ length: 64 }, (_, i) => makeIdentity('sim', i));
      for (const key of ['imei', 'iccid', 'imsi', 'phoneNumber'] as const) {
        expect(new Set(ids.map((id) => id[key])).size).toBe(64);
      }
      expect(makeIdentity('sim', 3)).toEqual(makeIdentity('sim', 3));
    });

    it.each<[PersonalityName, string, RegExp]>([
      ['generic', 'AT+CCID', /^\r\n\+CCID: 8982\d+\r\n\r\nOK\r\n$/],
      ['simcom', 'AT+CCID', /^\r\n8982\d+\r\n\r\nOK\r\n$/],
      ['quectel', 'AT+QCCID', /^\r\n\+QCCID: 8982\d+\r\n\r\nOK\r\n$/],
      ['huawei', 'AT^ICCID?', /^\r\n\^ICCID: 8982\d+\r\n\r\nOK\r\n$/],
      ['wavecom', 'AT+CCID', /^\r\n\+CCID: "8982\d+"\r\n\r\nOK\r\n$/],
      ['zte', 'AT+ZGETICCID', /^\r\n\+ZGETICCID: 8982\d+\r\n\r\nOK\r\n$/],
      ['huawei', 'AT+CCID', /^\r\nCOMMAND NOT SUPPORT\r\n$/],
    ])('should answer the ICCID like a %s modem to %s', async (personality, command, expected) => {
      h = await initialised({ personality });
      expect(await h.at(command)).toMatch(expected);
    });
  });

  describe('SMS storage', () => {
    it('should report storage with AT+CPMS in its three forms', async () => {
      h = await initialised({ storageSlots: 10 });
      h.modem.injectSms({ sender: '+821012345678', text: 'hi' });
      expect(await h.at('AT+CPMS=?')).toContain('+CPMS: ("SM"),("SM"),("SM")');
      expect(await h.at('AT+CPMS="SM","SM","SM"')).toBe('\r\n+CPMS: 1,10,1,10,1,10\r\n\r\nOK\r\n');
      expect(await h.at('AT+CPMS?')).toBe('\r\n+CPMS: "SM",1,10,"SM",1,10,"SM",1,10\r\n\r\nOK\r\n');
      expect(await h.at('AT+CPMS="XX"')).toBe('\r\n+CMS ERROR: 302\r\n');
    });

    it('should announce an injected SMS with +CMTI only when +CNMI asks for it', async () => {
      h = harness();
      await h.at('ATE0');
      expect(h.modem.injectSms({ sender: '+821012345678', text: 'one' })).toEqual([1]);
      await new Promise((r) => setTimeout(r, 20));
      expect(h.output()).not.toContain('+CMTI');
      await h.at('AT+CNMI=2,1,0,0,0');
      expect(h.modem.injectSms({ sender: '+821012345678', text: 'two' })).toEqual([2]);
      await h.until(() => h.output().endsWith('\r\n+CMTI: "SM",2\r\n'));
    });

    it('should route with +CMT and store nothing when mt=2', async () => {
      h = await initialised();
      await h.at('AT+CNMI=2,2,0,0,0');
      expect(h.modem.injectSms({ sender: '+821012345678', text: 'routed' })).toEqual([]);
      await h.until(() => /\r\n\+CMT: ,\d+\r\n[0-9A-F]+\r\n$/.test(h.output()));
      expect(h.modem.storage.used).toBe(0);
    });

    it('should read a message with +CMGR, mark it read, list it with +CMGL and delete it with +CMGD', async () => {
      h = await initialised();
      const [index] = h.modem.injectSms({ sender: '15889999', text: '국민 입금 10,000원' });
      const first = await h.at(`AT+CMGR=${index}`);
      const m = /^\r\n\+CMGR: 0,,(\d+)\r\n([0-9A-F]+)\r\n\r\nOK\r\n$/.exec(first);
      expect(m).not.toBeNull();
      const pdu = m?.[2] ?? '';
      const decoded = decodeDeliver(pdu);
      expect(decoded.sender).toBe('15889999');
      expect(decoded.text).toBe('국민 입금 10,000원');
      expect(Number(m?.[1])).toBe(pdu.length / 2 - 1 - parseInt(pdu.slice(0, 2), 16));
      expect(await h.at(`AT+CMGR=${index}`)).toMatch(/^\r\n\+CMGR: 1,,/);

      expect(await h.at('AT+CMGL=0')).toBe('\r\nOK\r\n');
      expect(await h.at('AT+CMGL=4')).toBe(`\r\n+CMGL: 1,1,,${m?.[1]}\r\n${pdu}\r\n\r\nOK\r\n`);
      expect(await h.at('AT+CMGD=?')).toContain('+CMGD: (1),(0-4)');
      expect(await h.at(`AT+CMGD=${index}`)).toBe('\r\nOK\r\n');
      expect(h.modem.storage.used).toBe(0);
      expect(await h.at(`AT+CMGR=${index}`)).toBe('\r\nOK\r\n'); // empty slot, generic personality
    });

    it('should list unread messages with +CMGL=0 and mark them read', async () => {
      h = await initialised();
      h.modem.injectSms({ sender: '+821011112222', text: 'a' });
      h.modem.injectSms({ sender: '+821011112222', text: 'b' });
      const listed = await h.at('AT+CMGL=0');
      expect(listed.match(/\+CMGL: \d,0,,\d+/g)).toHaveLength(2);
      expect(await h.at('AT+CMGL=0')).toBe('\r\nOK\r\n');
      expect(await h.at('AT+CMGL="ALL"')).toBe('\r\n+CMS ERROR: 302\r\n');
    });

    it('should store the parts of a long SMS at consecutive free indexes with a +CMTI each', async () => {
      h = await initialised();
      h.modem.injectSms({ sender: '+821011112222', text: 'x' });
      await h.at('AT+CMGD=1');
      const indexes = h.modem.injectSms({ sender: '+821011112222', text: '가'.repeat(150) });
      expect(indexes).toEqual([1, 2, 3]);
      await h.until(() => (h.output().match(/\+CMTI: "SM",\d/g) ?? []).length === 4);
    });

    it('should delete by flag with AT+CMGD=<i>,<flag>', async () => {
      h = await initialised();
      h.modem.injectSms({ sender: '+821011112222', text: 'a' });
      h.modem.injectSms({ sender: '+821011112222', text: 'b' });
      await h.at('AT+CMGR=1');
      await h.at('AT+CMGD=1,1');
      expect(h.modem.storage.list().map((s) => s.index)).toEqual([2]);
      await h.at('AT+CMGD=1,4');
      expect(h.modem.storage.used).toBe(0);
    });

    it('should start at index 0 on a Quectel and answer 321 on an empty slot of a Huawei', async () => {
      h = await initialised({ personality: 'quectel' });
      expect(h.modem.injectSms({ sender: '+821011112222', text: 'a' })).toEqual([0]);
      h.close();
      h = await initialised({ personality: 'huawei' });
      expect(await h.at('AT+CMGR=5')).toBe('\r\n+CMS ERROR: 321\r\n');
    });
  });

  it('should print +CMGR without <stat> on a ZTE', async () => {
    h = await initialised({ personality: 'zte' });
    const [index] = h.modem.injectSms({ sender: '+821011112222', text: 'a' });
    expect(index).toBe(0);
    expect(await h.at('AT+CMGR=0')).toMatch(/^\r\n\+CMGR: ,,\d+\r\n[0-9A-F]+\r\n\r\nOK\r\n$/);
  });

  describe('behaviour overrides', () => {
    it('should let a prepended behaviour answer +CMGR with +CMS ERROR: 321 while the defaults keep working', async () => {
      h = await initialised();
      const broken: ModemBehaviour = {
        name: 'cmgr-321',
        onCommand: (line, ctx) => {
          if (parseAtCommand(line).name !== '+CMGR') {
            return false;
          }
          ctx.cmsError(321);
          return true;
        },
      };
      h.modem.prependBehaviour(broken);
      const [index] = h.modem.injectSms({ sender: '+821011112222', text: 'a' });
      expect(await h.at(`AT+CMGR=${index}`)).toBe('\r\n+CMS ERROR: 321\r\n');
      expect(await h.at('AT+CMGL=4')).toContain('+CMGL: 1,0,,');
      expect(await h.at('AT+CSQ')).toContain('+CSQ: 23,99');
      h.modem.removeBehaviour('cmgr-321');
      expect(await h.at(`AT+CMGR=${index}`)).toMatch(/^\r\n\+CMGR: 1,,/);
    });

    it('should replace a default behaviour by name and support asynchronous answers', async () => {
      h = await initialised();
      h.modem.useBehaviour({
        name: 'network',
        onCommand: async (line, ctx) => {
          if (parseAtCommand(line).name !== '+CSQ') {
            return false;
          }
          await new Promise((r) => setTimeout(r, 20));
          ctx.respond('+CSQ: 5,99');
          ctx.ok();
          return true;
        },
      });
      expect(await h.at('AT+CSQ')).toBe('\r\n+CSQ: 5,99\r\n\r\nOK\r\n');
      expect(await h.at('AT+CREG?')).toBe('\r\nERROR\r\n'); // the old network behaviour is gone
    });

    it('should answer ERROR when a behaviour throws and keep serving', async () => {
      h = await initialised();
      h.modem.prependBehaviour({
        name: 'explodes',
        onCommand: (line) => {
          if (line === 'AT+BOOM') {
            throw new Error('boom');
          }
          return false;
        },
      });
      expect(await h.at('AT+BOOM')).toBe('\r\nERROR\r\n');
      expect(await h.at('AT')).toBe('\r\nOK\r\n');
    });
  });

  describe('faults and noise', () => {
    it('should hold a +CMTI back until the answer in progress is complete', async () => {
      h = await initialised({});
      h.modem.setFaults({ delayMs: 40 });
      const reply = h.at('AT+CSQ');
      await new Promise((r) => setTimeout(r, 10));
      h.modem.injectSms({ sender: '+821011112222', text: 'a' });
      expect(await reply).toBe('\r\n+CSQ: 23,99\r\n\r\nOK\r\n');
      await h.until(() => h.output().endsWith('\r\nOK\r\n\r\n+CMTI: "SM",1\r\n'));
    });

    it('should answer reads with the readError fault as +CMS ERROR until it is cleared', async () => {
      h = await initialised();
      h.modem.injectSms({ sender: '+821011112222', text: 'a' });
      h.modem.setFaults({ readError: 500 });
      expect(await h.at('AT+CMGR=1')).toBe('\r\n+CMS ERROR: 500\r\n');
      expect(await h.at('AT+CMGL=4')).toBe('\r\n+CMS ERROR: 500\r\n');
      expect(await h.at('AT+CSQ')).toContain('OK');
      h.modem.setFaults({ readError: 0 });
      expect(await h.at('AT+CMGR=1')).toContain('+CMGR: 0,,');
    });

    it('should stop answering while hung and answer again when the hang ends', async () => {
      h = await initialised();
      h.modem.setFaults({ hang: true });
      expect(await h.silent('AT')).toBe('');
      h.modem.setFaults({ hang: false });
      expect(await h.at('AT')).toBe('\r\nOK\r\n');
    });

    it('should lose the next +CMTI when asked and still store the message', async () => {
      h = await initialised();
      h.modem.setFaults({ dropCmti: 1 });
      expect(h.modem.injectSms({ sender: '+821011112222', text: 'a' })).toEqual([1]);
      expect(h.modem.injectSms({ sender: '+821011112222', text: 'b' })).toEqual([2]);
      await h.until(() => h.output().includes('+CMTI: "SM",2'));
      expect(h.output()).not.toContain('+CMTI: "SM",1');
      expect(h.modem.commandLog().some((e) => e.line === '(lost) +CMTI: "SM",1')).toBe(true);
    });

    it('should refuse an SMS with StorageFullError (CMS 322) when full and say ^SMMEMFULL on a Huawei', async () => {
      h = await initialised({ personality: 'huawei', storageSlots: 1 });
      h.modem.injectSms({ sender: '+821011112222', text: 'a' });
      expect(() => h.modem.injectSms({ sender: '+821011112222', text: 'b' })).toThrow(StorageFullError);
      await h.until(() => h.output().includes('^SMMEMFULL: "SM"'));
    });

    it('should answer SIM errors while the SIM is not ready', async () => {
      h = await initialised();
      h.modem.setSimState('BUSY');
      expect(await h.at('AT+CPIN?')).toBe('\r\n+CME ERROR: 14\r\n');
      expect(await h.at('AT+CIMI')).toBe('\r\n+CME ERROR: 14\r\n');
      expect(await h.at('AT+CMGL=4')).toBe('\r\n+CMS ERROR: 314\r\n');
      expect(await h.at('AT+CSQ')).toContain('+CSQ:');
      h.modem.setSimState('READY');
      expect(await h.at('AT+CIMI')).toMatch(/^\r\n450/);
    });

    it('should reboot with its banner, echo back on and settings lost, and keep the SIM storage', async () => {
      h = await initialised({ personality: 'simcom' });
      h.modem.injectSms({ sender: '+821011112222', text: 'kept' });
      expect(await h.at('AT+CFUN=1,1')).toBe('\r\nOK\r\n');
      await h.until(() => h.output().endsWith('\r\nSMS Ready\r\n'));
      expect(h.output()).toContain('\r\nRDY\r\n');
      expect(await h.at('AT+CMEE?')).toBe('AT+CMEE?\r\r\n+CMEE: 0\r\n\r\nOK\r\n');
      expect(h.modem.storage.used).toBe(1);
    });

    it('should write Huawei ^RSSI/^BOOT noise until AT^CURC=0', async () => {
      h = await initialised({ personality: 'huawei', noiseIntervalMs: 5 });
      await h.until(() => h.output().includes('^RSSI:18') && h.output().includes('^BOOT:'));
      await h.at('AT^CURC=0');
      const len = h.output().length;
      await new Promise((r) => setTimeout(r, 40));
      expect(h.output().length).toBe(len);
    });

    it('should answer the +CPIN line without OK on a Wavecom', async () => {
      h = await initialised({ personality: 'wavecom' });
      expect(await h.silent('AT+CPIN?')).toBe('\r\n+CPIN: READY\r\n');
      expect(await h.at('AT')).toBe('\r\nOK\r\n');
    });
  });
});
