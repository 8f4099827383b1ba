import { createInterface } from 'node:readline';
import { parseBankSms } from 'src/banks/bank-sms-parser';

interface ParseRequest {
  sender: string;
  text: string;
  receivedAt?: Date;
}

/** One input line -> the request, or why it cannot be one. */
function readRequest(line: string): ParseRequest | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'line is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: 'line is not a JSON object {sender, text, receivedAt?}' };
  }
  const { sender, text, receivedAt } = value as Record<string, unknown>;
  if (typeof sender !== 'string' || typeof text !== 'string') {
    return { error: 'sender and text must be strings' };
  }
  if (receivedAt === undefined || receivedAt === null) return { sender, text };
  const date = typeof receivedAt === 'string' ? new Date(receivedAt) : null;
  if (!date || Number.isNaN(date.getTime())) return { error: 'receivedAt must be an ISO date-time' };
  return { sender, text, receivedAt: date };
}

/**
 * `ipgeum parse` (CONTRACT.md): JSON lines `{sender, text, receivedAt?}` in, one JSON line out per
 * non-blank input line, in order: `{bankCode, kind, amount, name, balance, accountHint, occurredAt,
 * code}`, or `{error, line}` for a line that is not a request (the run goes on). Exit status 1 when
 * any line was an error.
 */
export async function parseCommand(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<number> {
  let failures = 0;
  let lineNumber = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber += 1;
    if (!line.trim()) continue;
    const request = readRequest(line);
    if ('error' in request) {
      output.write(`${JSON.stringify({ error: request.error, line: lineNumber })}\n`);
      failures += 1;
      continue;
    }
    const parsed = parseBankSms(request);
    output.write(
      `${JSON.stringify({
        bankCode: parsed.bankCode,
        kind: parsed.kind,
        amount: parsed.amount,
        name: parsed.name,
        balance: parsed.balance,
        accountHint: parsed.accountHint,
        occurredAt: parsed.occurredAt?.toISOString() ?? null,
        code: parsed.code,
      })}\n`,
    );
  }
  return failures === 0 ? 0 : 1;
}
