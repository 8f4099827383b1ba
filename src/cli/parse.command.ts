import { createInterface } from 'node:readline';
import { parseBankSms } from 'src/banks/bank-sms-parser';

/** `ipgeum parse`: JSON lines `{sender, text, receivedAt?}` in, one JSON result line out each. */
export async function parseCommand(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<number> {
  let failures = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    let request: { sender?: unknown; text?: unknown; receivedAt?: unknown };
    try {
      request = JSON.parse(line) as typeof request;
    } catch {
      output.write(`${JSON.stringify({ error: 'line is not JSON' })}\n`);
      failures += 1;
      continue;
    }
    if (typeof request.sender !== 'string' || typeof request.text !== 'string') {
      output.write(`${JSON.stringify({ error: 'sender and text must be strings' })}\n`);
      failures += 1;
      continue;
    }
    const receivedAt = typeof request.receivedAt === 'string' ? new Date(request.receivedAt) : undefined;
    if (receivedAt && Number.isNaN(receivedAt.getTime())) {
      output.write(`${JSON.stringify({ error: 'receivedAt must be an ISO date-time' })}\n`);
      failures += 1;
      continue;
    }
    const parsed = parseBankSms({ sender: request.sender, text: request.text, receivedAt });
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
