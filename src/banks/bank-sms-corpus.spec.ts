import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseBankSms, type ParsedBankSms } from 'src/banks/bank-sms-parser';

/**
 * Walks test/fixtures/banks/<bank-code>/{ok,not-ok}/<name>.txt with <name>.expected.json sidecars
 * ({ source, sender, receivedAt?, expected }). `ok` holds texts that must become a deposit,
 * `not-ok` texts that must not (withdrawals, reversals, spoofs, notices, traps).
 */
const ROOT = join(__dirname, '..', '..', 'test', 'fixtures', 'banks');

interface Sidecar {
  source: string;
  sender: string;
  receivedAt?: string;
  expected: Partial<Omit<ParsedBankSms, 'occurredAt'>> & { occurredAt?: string | null };
}

function listCases(): Array<[string, string, string]> {
  const cases: Array<[string, string, string]> = [];
  for (const code of readdirSync(ROOT).sort()) {
    for (const dir of ['ok', 'not-ok']) {
      const folder = join(ROOT, code, dir);
      if (!existsSync(folder)) continue;
      for (const file of readdirSync(folder).sort()) {
        if (file.endsWith('.txt')) cases.push([code, dir, file.slice(0, -4)]);
      }
    }
  }
  return cases;
}

const cases = listCases();

describe('bank SMS fixture corpus', () => {
  it('should find fixtures for every bank with a confirmed layout', () => {
    const codes = new Set(cases.map(([code]) => code));
    for (const code of [
      '004',
      '088',
      '020',
      '081',
      '003',
      '011',
      '007',
      '071',
      '045',
      '048',
      '089',
      '090',
      '031',
    ]) {
      expect(codes.has(code)).toBe(true);
    }
  });

  it.each(cases)('should read %s/%s/%s as its sidecar says', (code, dir, name) => {
    const folder = join(ROOT, code, dir);
    const text = readFileSync(join(folder, `${name}.txt`), 'utf8');
    const sidecar = JSON.parse(readFileSync(join(folder, `${name}.expected.json`), 'utf8')) as Sidecar;
    expect(sidecar.source).toMatch(/BANK-SMS\.md/);

    const result = parseBankSms({
      sender: sidecar.sender,
      text,
      receivedAt: sidecar.receivedAt ? new Date(sidecar.receivedAt) : undefined,
    });
    const { occurredAt, ...expected } = sidecar.expected;
    expect(result).toMatchObject(expected);
    if (occurredAt !== undefined) expect(result.occurredAt?.toISOString() ?? null).toBe(occurredAt);
    if (dir === 'ok') expect(result.kind).toBe('deposit');
    else expect(result.kind).not.toBe('deposit');
  });
});
