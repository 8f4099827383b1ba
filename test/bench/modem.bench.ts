import { EventEmitter2 } from '@nestjs/event-emitter';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { Simulator } from 'hardware/simulator/simulator';
import { SMS_RECEIVED, SmsReceived } from 'src/sms/sms.events';
import { Bench } from 'test/bench/main';
import { GatewayProcess } from 'test/utils/gateway-process';
import { createTestDatabase, startTestGateway, TEST_ADMIN_TOKEN, TestGateway } from 'test/utils/test-gateway';

/**
 * The modem path over real pseudo-terminals: from the moment the simulator writes `+CMTI` to the
 * moment the InboundSms row is committed (the `sms.received` event fires after the commit), over 8
 * and 64 simulated modems (gateway and simulator in this process). Then the CPU of the gateway alone,
 * run as a child process (test/utils/gateway-process.ts), while 64 modems sit idle with the default
 * sweep (30 s) and health poll (60 s): user+system time from /proc/<pid>/stat over the window.
 */
const MESSAGES = 200;
const PACE_MS = 25;
// Long enough to hold two sweeps (30 s) and one health poll (60 s) of every modem: a 20 s window
// could fall between them and show almost nothing.
const IDLE_SECONDS = 62;

const bench: Bench = {
  description: '+CMTI written → InboundSms committed (p50/p99) on 8 and 64 modems; idle CPU with 64 modems',
  async run() {
    for (const modems of [8, 64]) {
      const database = await createTestDatabase();
      const simulator = await Simulator.start({ modems, idPrefix: `bench${modems}_`, controlPort: null });
      let gateway: TestGateway | null = null;
      try {
        const bootStart = performance.now();
        gateway = await startTestGateway({
          databaseUrl: database.url,
          env: { MODEMS: simulator.modems.map((modem) => modem.path).join(','), LOG_LEVEL: 'warn' },
        });
        const bootMs = performance.now() - bootStart;
        const latencies = await measureLatency(gateway, simulator);
        report(`${modems} modems`, latencies, bootMs);
        if (modems === 64) {
          await gateway.close();
          gateway = null;
          await measureIdle(database.url, simulator);
        }
      } finally {
        await gateway?.close();
        await simulator.close();
        await database.drop();
      }
    }
  },
};

async function measureLatency(gateway: TestGateway, simulator: Simulator): Promise<number[]> {
  const ids = simulator.modems.map((modem) => modem.id);
  // +CMTI times per (modem, index), taken when the simulator hands the bytes to the pty. Indexes are
  // reused once deleted, so the k-th message injected at a slot pairs with the k-th +CMTI for it.
  const cmtiAt = new Map<string, number[]>();
  for (const id of ids) {
    simulator.modem(id).on('output', (data: Buffer) => {
      const at = performance.now();
      for (const match of data.toString('latin1').matchAll(/\+CMTI: "\w+",(\d+)/g)) {
        const key = `${id}:${match[1]}`;
        cmtiAt.set(key, [...(cmtiAt.get(key) ?? []), at]);
      }
    });
  }
  const committedAt = new Map<string, number>();
  gateway.app
    .get(EventEmitter2)
    .on(SMS_RECEIVED, (event: SmsReceived) => committedAt.set(event.inboundSmsId, performance.now()));

  const injected: { key: string; text: string }[] = [];
  for (let n = 0; n < MESSAGES; n++) {
    const id = ids[n % ids.length];
    const text = `벤치 ${n} 입금 ${1000 + n}원`;
    const [index] = await simulator.injectSms(id, { sender: '16449999', text });
    injected.push({ key: `${id}:${index}`, text });
    await new Promise((resolve) => setTimeout(resolve, PACE_MS));
  }
  const deadline = Date.now() + 60_000;
  while (committedAt.size < MESSAGES && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const rows: { id: string; text: string }[] = await gateway.app
    .get(DataSource)
    .query('SELECT id::text AS id, text FROM inbound_sms');
  const idByText = new Map(rows.map((row) => [row.text, row.id]));
  const latencies: number[] = [];
  const used = new Map<string, number>();
  for (const { key, text } of injected) {
    const nth = used.get(key) ?? 0;
    used.set(key, nth + 1);
    const written = cmtiAt.get(key)?.[nth];
    const id = idByText.get(text);
    const committed = id === undefined ? undefined : committedAt.get(id);
    if (written !== undefined && committed !== undefined) latencies.push(committed - written);
  }
  if (latencies.length < MESSAGES) {
    process.stdout.write(`  warning: only ${latencies.length}/${MESSAGES} messages measured\n`);
  }
  return latencies.sort((a, b) => a - b);
}

async function measureIdle(databaseUrl: string, simulator: Simulator): Promise<void> {
  const child = await GatewayProcess.start({
    databaseUrl,
    env: { MODEMS: simulator.modems.map((modem) => modem.path).join(','), LOG_LEVEL: 'warn' },
  });
  try {
    const deadline = Date.now() + 60_000;
    while ((await readyModems(child.url)) < simulator.modems.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // first sweeps and SIM writes settle
    const before = processTicks(child.pid!);
    const start = performance.now();
    await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
    const cpuMs = ((processTicks(child.pid!) - before) * 1000) / CLOCK_TICKS;
    const wallMs = performance.now() - start;
    process.stdout.write(
      `  idle gateway process, ${await readyModems(child.url)} modems ready, ${Math.round(wallMs / 1000)} s ` +
        `(every modem swept twice, health-polled once): CPU ${((cpuMs / wallMs) * 100).toFixed(2)}% of one core ` +
        `(${Math.round(cpuMs)} ms; aim < 1%)\n`,
    );
  } finally {
    await child.stop();
  }
}

/** USER_HZ: 100 on every Linux this runs on (`getconf CLK_TCK`). */
const CLOCK_TICKS = 100;

/** utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
function processTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

async function readyModems(url: string): Promise<number> {
  const response = await fetch(`${url}/api/v1/admin/modems`, {
    headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
  });
  const modems = (await response.json()) as { state: string }[];
  return modems.filter((modem) => modem.state === 'ready').length;
}

function report(label: string, sorted: number[], bootMs: number): void {
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
  process.stdout.write(
    `  ${label}: ${sorted.length} SMS, one every ${PACE_MS} ms round-robin; +CMTI → committed ` +
      `p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${at(1).toFixed(1)} ms` +
      `${label.startsWith('8 ') ? ' (aim p99 < 100 ms)' : ''}; gateway start with all modems ready-attempted ${Math.round(bootMs)} ms\n`,
  );
}

export default bench;
