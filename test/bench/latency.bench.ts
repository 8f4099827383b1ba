import { Bench } from 'test/bench/main';
import { CallbackHarness } from 'test/utils/callback-harness';
import { decodeCallbackQuery } from 'test/utils/callback-query';
import { startGatewayChild } from 'test/utils/gateway-child';
import { waitFor } from 'test/utils/test-gateway';

const MODEMS = 8;
const RATE_PER_SECOND = 20;
const SECONDS = 30;

/**
 * SMS injected into a simulated modem -> the merchant's request arriving, over 8 modems on real
 * pseudo-terminals at 20 deposits/s. The gateway runs in a child process (as in production, apart
 * from the modems); the simulator and the merchant endpoint share this process. Includes +CMTI,
 * AT+CMGR, PDU decoding, the InboundSms commit, parsing, attribution, the deposit's outbox commit,
 * the Bull hand-off and the HTTP call.
 */
const bench: Bench = {
  description: `SMS -> merchant request latency, ${MODEMS} modems, ${RATE_PER_SECOND} deposits/s for ${SECONDS} s`,
  async run() {
    const h = await CallbackHarness.start({ modems: MODEMS, startGateway: startGatewayChild });
    try {
      const modems = [h.accountModemId];
      for (let i = 1; i < MODEMS; i++) {
        modems.push((await h.addAccount(`1234560000${i}789`)).modemId);
      }
      if (new Set(modems).size !== MODEMS) throw new Error('accounts did not spread over every modem');
      const balances = modems.map(() => 1_000_000);
      const injectedAt = new Map<string, number>();
      const total = RATE_PER_SECOND * SECONDS;
      const started = Date.now();
      for (let i = 0; i < total; i++) {
        const due = started + (i * 1000) / RATE_PER_SECOND;
        await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
        const slot = i % MODEMS;
        const amount = 10_000 + i;
        balances[slot] += amount;
        const won = (n: number) => n.toLocaleString('en-US');
        injectedAt.set(String(amount), Date.now());
        await h.simulator.injectSms(modems[slot], {
          sender: '16449999',
          text: `[Web발신]\n[KB]07/04 15:24\n123456**789\n홍길동\n입금\n${won(amount)}\n잔액${won(balances[slot])}`,
        });
      }
      await waitFor(() => Promise.resolve(h.receiver.calls.length >= total), 60_000, 'every callback');
      const latencies = h.receiver.calls
        .map((call) => call.at.getTime() - injectedAt.get(decodeCallbackQuery(call.rawUrl, 'UTF-8').price)!)
        .sort((a, b) => a - b);
      const pct = (p: number) =>
        latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
      process.stdout.write(
        `${latencies.length} callbacks for ${total} SMS in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
          `p50 ${pct(50)} ms, p90 ${pct(90)} ms, p99 ${pct(99)} ms, max ${latencies[latencies.length - 1]} ms ` +
          `(aim p50 < 100 ms, p99 < 300 ms)\n`,
      );
    } finally {
      await h.close();
    }
  },
};

export default bench;
