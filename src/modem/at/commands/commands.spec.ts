import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseSimStatus } from './basic.command';
import { parseMessageList } from './cmgl.command';
import { parseMessageHeader, parseReadMessage } from './cmgr.command';
import { chooseCnmi, parseCnmiTest } from './cnmi.command';
import { parseOwnNumber } from './cnum.command';
import { parseOperator } from './cops.command';
import { chooseStorages, parseStorageStatus, parseStorageTest } from './cpms.command';
import { parseRegistration } from './creg.command';
import { parseSignalDbm, rssiToDbm } from './csq.command';
import { normalizeIccid, parseIccid, swapNibbles } from './iccid.command';
import { parseImei, parseImsi, parseInfo } from './identity.command';
import { parseRange, splitParams } from './params';

interface Transcript<E> {
  id: string;
  source: string;
  reply: string[];
  expected: E;
}

const fixture = <E>(name: string): Transcript<E>[] =>
  JSON.parse(
    readFileSync(join(__dirname, '../../../../test/fixtures/transcripts', name), 'utf8'),
  ) as Transcript<E>[];

describe('AT parameter helpers', () => {
  it('should split at top-level commas only', () => {
    expect(splitParams('"SM",3,30')).toEqual(['"SM"', '3', '30']);
    expect(splitParams('("SM","ME"),("SM")')).toEqual(['("SM","ME")', '("SM")']);
    expect(splitParams(',,92')).toEqual(['', '', '92']);
    expect(splitParams('"a,b",1')).toEqual(['"a,b"', '1']);
  });

  it('should expand ranges and lists', () => {
    expect(parseRange('(0-1,3)')).toEqual([0, 1, 3]);
    expect(parseRange('(2)')).toEqual([2]);
    expect(parseRange('garbage')).toEqual([]);
  });
});

describe('+CMGR', () => {
  it('should parse the standard and the odd real headers', () => {
    expect(parseMessageHeader(' 1,,25')).toEqual({ status: 1, alpha: null, length: 25 });
    expect(parseMessageHeader(' 0,23')).toEqual({ status: 0, alpha: null, length: 23 });
    expect(parseMessageHeader(' ,,92')).toEqual({ status: null, alpha: null, length: 92 });
    expect(parseMessageHeader(' 24')).toEqual({ status: null, alpha: null, length: 24 });
    expect(parseMessageHeader(' 0,"Bank",29')).toEqual({ status: 0, alpha: 'Bank', length: 29 });
  });

  it.each(
    fixture<{ status: number | null; length: number; pdu: string }>('cmgr.json').map(
      (t) => [t.id, t] as const,
    ),
  )('should parse the real reply %s', (_id, transcript) => {
    const lines = transcript.reply.filter((l) => l !== 'OK');
    expect(parseReadMessage(lines)).toEqual({ alpha: null, ...transcript.expected });
  });

  it('should treat a reply without a PDU as an empty slot', () => {
    expect(parseReadMessage([])).toBeNull();
    expect(parseReadMessage(['+CMGR: 0,,0'])).toBeNull();
  });
});

describe('+CMGL', () => {
  it.each(fixture<unknown[]>('cmgl.json').map((t) => [t.id, t] as const))(
    'should parse the real listing %s',
    (_id, t) => {
      expect(parseMessageList(t.reply.filter((l) => l !== 'OK'))).toEqual(
        (t.expected as object[]).map((e) => ({ alpha: null, ...e })),
      );
    },
  );

  it('should list several entries and skip one without a PDU', () => {
    const list = parseMessageList(['+CMGL: 1,0,,23', 'AABB', '+CMGL: 2,1,,23', '+CMGL: 3,1,"x",5', 'ccdd"']);
    expect(list.map((m) => [m.index, m.status, m.pdu])).toEqual([
      [1, 0, 'AABB'],
      [3, 1, 'CCDD'],
    ]);
  });
});

describe('+CPMS', () => {
  it.each(fixture<{ offered: string[][]; chosen: string[] }>('cpms.json').map((t) => [t.id, t] as const))(
    'should choose storage from the real reply %s',
    (_id, t) => {
      const lines = t.reply.filter((l) => l !== 'OK' && l !== '').map((l) => l.trim());
      const offered = parseStorageTest(lines);
      expect(offered).toEqual(t.expected.offered);
      expect(chooseStorages(offered)).toEqual(t.expected.chosen);
    },
  );

  it("should read Wavecom's groups wrapped in one more pair of parentheses", () => {
    const offered = parseStorageTest(['+CPMS: (("SM","BM","SR"),("SM"))']);
    expect(offered).toEqual([['SM', 'BM', 'SR'], ['SM']]);
    expect(chooseStorages(offered)).toEqual(['SM', 'SM']);
  });

  it('should prefer ME when SM is not offered', () => {
    expect(chooseStorages([['ME', 'MT'], ['ME'], ['MT']])).toEqual(['ME', 'ME', 'MT']);
  });

  it('should parse query and set replies', () => {
    expect(parseStorageStatus(['+CPMS: "SM",3,30,"SM",3,30,"ME",0,255'])).toEqual([
      { memory: 'SM', used: 3, total: 30 },
      { memory: 'SM', used: 3, total: 30 },
      { memory: 'ME', used: 0, total: 255 },
    ]);
    expect(parseStorageStatus(['+CPMS: 3,30,3,30,3,30'])).toHaveLength(3);
  });
});

describe('+CNMI', () => {
  it.each(fixture<{ offered: number[][]; chosen: number[] }>('cnmi.json').map((t) => [t.id, t] as const))(
    'should negotiate from the real reply %s',
    (_id, t) => {
      const offered = parseCnmiTest(t.reply);
      expect(offered).toEqual(t.expected.offered);
      expect(chooseCnmi(offered)[0]).toEqual(t.expected.chosen);
    },
  );

  it('should fall back to common settings when nothing was offered', () => {
    const candidates = chooseCnmi([]);
    expect(candidates[0]).toEqual([2, 1, 0, 0, 0]);
    expect(candidates.length).toBeGreaterThan(2);
  });

  it('should keep a 4-parameter form when the modem offers four', () => {
    expect(chooseCnmi([[1, 2], [0, 1], [0], [0, 2]])[0]).toEqual([2, 1, 0, 0]);
  });
});

describe('identity', () => {
  it('should parse ICCID variants', () => {
    const iccid = '8982300123456789012';
    expect(parseIccid([`+CCID: "${iccid}"`])).toBe(iccid);
    expect(parseIccid([`^ICCID: ${iccid}`])).toBe(iccid);
    expect(parseIccid([`+QCCID: ${iccid}F`])).toBe(iccid);
    expect(parseIccid([`+ICCID: ${iccid}`])).toBe(iccid);
    expect(parseIccid([iccid])).toBe(iccid);
    expect(parseIccid([`+CRSM: 144,0,"${swapNibbles(`${iccid}F`)}"`])).toBe(iccid);
    expect(parseIccid(['+CRSM: 106,130,""'])).toBeNull();
  });

  it('should un-swap a nibble-swapped ICCID and reject junk', () => {
    expect(normalizeIccid('98284000000000000000')).toBe('89820400000000000000');
    expect(normalizeIccid('123')).toBeNull();
  });

  it('should parse IMEI, IMSI and info lines with or without labels', () => {
    expect(parseImei(['+CGSN: "861234567890123"'])).toBe('861234567890123');
    expect(parseImei(['861234567890123'])).toBe('861234567890123');
    expect(parseImsi(['450051234567890'])).toBe('450051234567890');
    expect(parseInfo(['+CGMI: "SIMCOM_Ltd"'])).toBe('SIMCOM_Ltd');
    expect(parseInfo(['Manufacturer: QUALCOMM INCORPORATED'])).toBe('QUALCOMM INCORPORATED');
    expect(parseInfo([])).toBeNull();
  });

  it('should parse the own number as CNUM gives it', () => {
    expect(parseOwnNumber(['+CNUM: "","+821012345678",145'])).toBe('+821012345678');
    expect(parseOwnNumber(['+CNUM: "My",821012345678,145'])).toBe('+821012345678');
    expect(parseOwnNumber(['+CNUM: ,"01012345678",129'])).toBe('01012345678');
    expect(parseOwnNumber(['+CNUM: "","",129'])).toBeNull();
    expect(parseOwnNumber([])).toBeNull();
  });
});

describe('health', () => {
  it('should convert CSQ to dBm', () => {
    expect(parseSignalDbm(['+CSQ: 21,99'])).toBe(-71);
    expect(parseSignalDbm(['+CSQ: 99,99'])).toBeNull();
    expect(rssiToDbm(0)).toBe(-113);
    expect(rssiToDbm(31)).toBe(-51);
  });

  it('should map registration states', () => {
    expect(parseRegistration(['+CREG: 0,1'])).toBe('home');
    expect(parseRegistration(['+CREG: 2,5,"00C3","0000B2C1"'])).toBe('roaming');
    expect(parseRegistration(['+CREG: 0,2'])).toBe('searching');
    expect(parseRegistration(['+CREG: 0,3'])).toBe('denied');
    expect(parseRegistration(['+CREG: 0,0'])).toBe('not_registered');
    expect(parseRegistration(['+CREG: 0,4'])).toBe('unknown');
    expect(parseRegistration(['+CREG: 1,"00C3","0000B2C1"'])).toBe('home');
  });

  it('should read the operator name', () => {
    expect(parseOperator(['+COPS: 0,0,"SKTelecom",7'])).toBe('SKTelecom');
    expect(parseOperator(['+COPS: 0'])).toBeNull();
  });

  it('should read the SIM status', () => {
    expect(parseSimStatus(['+CPIN: READY'])).toBe('READY');
    expect(parseSimStatus(['+CPIN: SIM PIN'])).toBe('SIM PIN');
  });
});
