import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBankSms } from 'src/banks/bank-sms-parser';
import { Bench } from 'test/bench/main';

const ROOT = join(__dirname, '..', 'fixtures', 'banks');
const ROUNDS = 7;
const ROUND_MS = 1_000;

interface Message {
  sender: string;
  text: string;
  receivedAt?: Date;
}

function loadCorpus(): Message[] {
  const messages: Message[] = [];
  for (const code of readdirSync(ROOT).sort()) {
    for (const dir of ['ok', 'not-ok']) {
      const folder = join(ROOT, code, dir);
      if (!existsSync(folder)) continue;
      for (const file of readdirSync(folder).filter((f) => f.endsWith('.txt'))) {
        const sidecar = JSON.parse(
          readFileSync(join(folder, file.replace(/\.txt$/, '.expected.json')), 'utf8'),
        ) as { sender: string; receivedAt?: string };
        messages.push({
          sender: sidecar.sender,
          text: readFileSync(join(folder, file), 'utf8'),
          receivedAt: sidecar.receivedAt ? new Date(sidecar.receivedAt) : undefined,
        });
      }
    }
  }
  return messages;
}

/** Parses the whole corpus again and again for `ms`; messages per second. */
function round(corpus: Message[], ms: number): number {
  let parsed = 0;
  let deposits = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(ms) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (const message of corpus) {
      if (parseBankSms(message).kind === 'deposit') deposits += 1;
    }
    parsed += corpus.length;
    now = process.hrtime.bigint();
  }
  if (deposits === 0) throw new Error('no deposit parsed: the corpus did not load');
  return parsed / (Number(now - start) / 1e9);
}

const bench: Bench = {
  description: `parseBankSms over the whole fixture corpus, one core, ${ROUNDS} rounds of ${ROUND_MS} ms`,
  run() {
    const corpus = loadCorpus();
    round(corpus, 300); // warm-up: JIT and regex compilation
    const rates = Array.from({ length: ROUNDS }, () => round(corpus, ROUND_MS)).sort((a, b) => a - b);
    const median = rates[Math.floor(rates.length / 2)];
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    process.stdout.write(
      `corpus: ${corpus.length} messages (test/fixtures/banks, ok + not-ok)\n` +
        `throughput: median ${fmt(median)} messages/s (min ${fmt(rates[0])}, max ${fmt(rates[rates.length - 1])})\n` +
        `per message: ${(1e6 / median).toFixed(1)} µs\n` +
        `target: > 50,000 messages/s -> ${median > 50_000 ? 'met' : 'NOT met'}\n`,
    );
    return Promise.resolve();
  },
};

export default bench;
