import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * `npx ipgeum parse` as a user runs it: a child process fed JSON lines on stdin, one JSON line out
 * per request. Runs the CLI from source (ts-node), so it tests the code of this checkout rather
 * than whatever `dist/` was last built from; `npm run build` compiles the same entry point.
 */
const ROOT = join(__dirname, '..', '..');

function runParse(stdin: string): Promise<{ code: number | null; lines: unknown[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js'),
        '-r',
        'tsconfig-paths/register',
        '--transpile-only',
        join(ROOT, 'src', 'cli', 'main.ts'),
        'parse',
      ],
      { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'error' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stderr,
        lines: stdout
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => JSON.parse(line) as unknown),
      }),
    );
    child.stdin.end(stdin);
  });
}

const line = (request: Record<string, unknown>) => JSON.stringify(request);
const KB_DEPOSIT = '[Web발신]\n[KB]07/04 15:24\n123456**789\n홍길동\n입금\n600,000\n잔액1,320,000';

describe('npx ipgeum parse', () => {
  it('should answer each JSON line with one result line, in order, with every CONTRACT field', async () => {
    const input = [
      line({ sender: '16449999', text: KB_DEPOSIT, receivedAt: '2025-07-04T15:24:20+09:00' }),
      line({
        sender: '+8215991111',
        text: '[Web발신]\r\n하나,07/01 08:23\r\n302******29007\r\n출금55,000원\r\n티머니\u3000\u3000\u3000\r\n잔액-55,279,562원',
        receivedAt: '2025-07-01T08:23:40+09:00',
      }),
      line({ sender: '01012345678', text: KB_DEPOSIT, receivedAt: '2025-07-04T15:24:20+09:00' }),
      line({ sender: '16449999', text: '[Web발신]\n[KB국민은행] 인증번호 [123456]를 입력해 주세요.' }),
      line({
        sender: '15885000',
        text: '[Web발신]\n우리 12/31 23:59\n*846950\n입금 55원\n550,000',
        receivedAt: '2027-01-01T00:03:00+09:00',
      }),
      line({ sender: '16449999', text: '[Web발신]\n[KB]07/04 15:24\n전혀 다른 모양의 문자' }),
    ].join('\n');

    const { code, lines, stderr } = await runParse(`${input}\n`);

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(lines).toHaveLength(6);
    for (const result of lines) {
      expect(Object.keys(result as object)).toEqual([
        'bankCode',
        'kind',
        'amount',
        'name',
        'balance',
        'accountHint',
        'occurredAt',
        'code',
      ]);
    }
    expect(lines[0]).toEqual({
      bankCode: '004',
      kind: 'deposit',
      amount: 600000,
      name: '홍길동',
      balance: 1320000,
      accountHint: '123456**789',
      occurredAt: '2025-07-04T06:24:00.000Z',
      code: null,
    });
    expect(lines[1]).toEqual({
      bankCode: '081',
      kind: 'withdrawal',
      amount: 55000,
      name: '티머니',
      balance: -55279562,
      accountHint: '302******29007',
      occurredAt: '2025-06-30T23:23:00.000Z',
      code: null,
    });
    expect(lines[2]).toMatchObject({ bankCode: '004', kind: 'unknown_sender', code: null });
    expect(lines[3]).toMatchObject({ bankCode: '004', kind: 'verification', amount: null, code: '123456' });
    // Dec/Jan rollover, and the amount is never read from the name field.
    expect(lines[4]).toMatchObject({
      kind: 'deposit',
      amount: 55,
      name: '550,000',
      occurredAt: '2026-12-31T14:59:00.000Z',
    });
    expect(lines[5]).toEqual({
      bankCode: '004',
      kind: 'unparsed',
      amount: null,
      name: null,
      balance: null,
      accountHint: null,
      occurredAt: null,
      code: null,
    });
  }, 60_000);

  it('should give an error line for each malformed line and go on with the next ones', async () => {
    const input = [
      'this is not json',
      '',
      line({ sender: 16449999, text: KB_DEPOSIT }),
      '["16449999", "text"]',
      line({ sender: '16449999', text: KB_DEPOSIT, receivedAt: 'yesterday' }),
      '{"sender": "16449999", "text": "[KB]07/04',
      line({ sender: '16449999', text: KB_DEPOSIT, receivedAt: '2025-07-04T15:24:20+09:00' }),
    ].join('\n');

    const { code, lines, stderr } = await runParse(input); // no newline after the last line either

    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(lines).toEqual([
      { error: 'line is not JSON', line: 1 },
      { error: 'sender and text must be strings', line: 3 },
      { error: 'line is not a JSON object {sender, text, receivedAt?}', line: 4 },
      { error: 'receivedAt must be an ISO date-time', line: 5 },
      { error: 'line is not JSON', line: 6 },
      expect.objectContaining({ kind: 'deposit', amount: 600000 }),
    ]);
  }, 60_000);
});
