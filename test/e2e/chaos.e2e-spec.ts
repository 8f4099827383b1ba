import { Pool } from 'pg';
import { intArg, parseAtCommand } from 'hardware/simulator/at-command';
import { SmsEncoding } from 'hardware/simulator/pdu-encoder';
import { Simulator, StorageFullError } from 'hardware/simulator/simulator';
import { closeAll, storedRows } from 'test/e2e/modem-helpers';
import { GatewayProcess } from 'test/utils/gateway-process';
import { createTestDatabase, waitFor } from 'test/utils/test-gateway';

/**
 * Chaos: 8 simulated modems on real pseudo-terminals, 400 SMS (UCS2, CP949 8-bit, concatenated)
 * injected while faults fire at random (seeded): unplug/replug, hang, lost +CMTI, garbage, storage
 * full, and the gateway process SIGKILLed and restarted. Every SMS must be stored exactly once, and no
 * `AT+CMGD` may reach a modem for a message whose row is not committed yet: each delete is checked
 * against the database at the moment the modem receives it.
 */
describe('chaos: 8 modems, 400 SMS, random faults, gateway killed twice', () => {
  const SEED = 0x1b9e;
  const MODEMS = 8;
  const MESSAGES = 400;
  const SLOTS = 60;
  const KILL_AT = [130, 270];

  let database: { url: string; drop: () => Promise<void> };
  let simulator: Simulator;
  let gateway: GatewayProcess;
  let audit: Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    simulator = await Simulator.start({ modems: MODEMS, storageSlots: SLOTS, idPrefix: 'chaos' });
    gateway = await GatewayProcess.start({
      databaseUrl: database.url,
      env: {
        MODEMS: simulator.modems.map((modem) => modem.path).join(','),
        MODEM_SWEEP_INTERVAL_MS: '2000',
        MODEM_COMMAND_TIMEOUT_MS: '600',
      },
    });
    audit = new Pool({ connectionString: database.url, max: 4 });
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
    await audit?.end();
    await closeAll(simulator, database);
  });

  it('should store every SMS exactly once and delete none before its row is committed', async () => {
    const random = mulberry32(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const ids = simulator.modems.map((modem) => modem.id);

    // ---- the delete audit: a CMGD for a slot whose PDU has no committed row is a violation
    const deletes: { modem: string; index: number; ok: boolean }[] = [];
    const flaggedDeletes: string[] = [];
    for (const id of ids) {
      simulator.modem(id).prependBehaviour({
        name: 'cmgd-audit',
        onCommand: async (line, ctx) => {
          const command = parseAtCommand(line);
          if (command.name !== '+CMGD' || command.kind !== 'set') return false;
          if (command.args.length > 1 && command.args[1] !== '0') flaggedDeletes.push(`${id} ${line}`);
          const index = intArg(command.args, 0);
          const sms = index === null ? undefined : ctx.storage.get(index);
          if (index !== null && sms) {
            deletes.push({ modem: id, index, ok: await committed(sms.pdu) });
          }
          return false; // the default storage behaviour deletes
        },
      });
    }
    async function committed(pdu: string): Promise<boolean> {
      const result = await audit.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM inbound_sms WHERE $1 = ANY(pdus))
              + (SELECT count(*) FROM sms_parts WHERE pdu = $1) AS n`,
        [pdu.toUpperCase()],
      );
      return Number(result.rows[0].n) > 0;
    }

    // ---- faults, one at a time per modem, seeded
    const busyUntil = new Map<string, number>();
    const faultLog: string[] = [];
    let injecting = true;
    const faults = (async () => {
      while (injecting) {
        await sleep(400 + random() * 900);
        const id = pick(ids);
        if ((busyUntil.get(id) ?? 0) > Date.now() || simulator.isUnplugged(id)) continue;
        const kind = pick(['unplug', 'hang', 'lost-cmti', 'garbage', 'storage-full'] as const);
        const lasts = 800 + Math.floor(random() * 2200);
        busyUntil.set(id, Date.now() + lasts + 500);
        faultLog.push(`${kind} ${id} ${lasts}ms`);
        switch (kind) {
          case 'unplug':
            await simulator.unplug(id);
            setTimeout(() => void simulator.replug(id), lasts);
            break;
          case 'hang':
            simulator.setFaults(id, { hang: true });
            setTimeout(() => simulator.setFaults(id, { hang: false }), lasts);
            break;
          case 'lost-cmti':
            simulator.setFaults(id, { dropCmti: 1 + Math.floor(random() * 2) });
            break;
          case 'garbage':
            simulator.modem(id).writeGarbage(8 + Math.floor(random() * 64));
            break;
          case 'storage-full':
            simulator.setFaults(id, { storageFull: true });
            setTimeout(() => simulator.setFaults(id, { storageFull: false }), lasts);
            break;
        }
      }
    })();

    // ---- 400 SMS, each on a random modem; refused ones (unplugged, full) are retried later
    const messages = Array.from({ length: MESSAGES }, (_, n) => makeMessage(n, random));
    const pending = [...messages];
    let accepted = 0;
    let kills = 0;
    const restarts: Promise<unknown>[] = [];
    while (pending.length > 0) {
      const message = pending.shift()!;
      const id = pick(ids);
      const room = SLOTS - simulator.storage(id).length;
      if (simulator.isUnplugged(id) || room < 3) {
        pending.push(message);
        await sleep(20);
        continue;
      }
      try {
        await simulator.injectSms(id, message);
        accepted += 1;
      } catch (error) {
        if (!(error instanceof StorageFullError) || error.stored.length > 0) throw error;
        pending.push(message);
      }
      if (kills < KILL_AT.length && accepted >= KILL_AT[kills]) {
        kills += 1;
        await gateway.kill();
        faultLog.push(`gateway SIGKILL after ${accepted} SMS`);
        restarts.push(
          gateway.restart().catch((error: unknown) => faultLog.push(`restart failed: ${String(error)}`)),
        );
      }
      await sleep(100 + random() * 80);
    }
    injecting = false;
    await faults;
    // Whatever fault is still on ends now; the gateway is up.
    await sleep(3_500);
    for (const id of ids) {
      if (simulator.isUnplugged(id)) await simulator.replug(id);
      simulator.setFaults(id, { hang: false, storageFull: false, dropCmti: 0 });
    }
    await Promise.all(restarts);

    const expected = new Set(messages.map((message) => message.text));
    try {
      await waitFor(
        async () => {
          const rows = await storedRows(database.url);
          const onSims = ids.reduce((sum, id) => sum + simulator.storage(id).length, 0);
          return rows.filter((row) => expected.has(row.text)).length >= MESSAGES && onSims === 0;
        },
        90_000,
        'every SMS stored and every SIM empty',
      );
    } catch (error) {
      const rows = await storedRows(database.url);
      throw new Error(
        `${String(error)}: ${rows.length} rows, SIMs hold ${ids.map((id) => simulator.storage(id).length).join('/')}; ` +
          `faults: ${faultLog.join(', ')}\n--- gateway output ---\n${gateway.recentOutput.slice(-4000)}`,
      );
    }

    const rows = await storedRows(database.url);
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.text, (counts.get(row.text) ?? 0) + 1);
    const notOnce = messages.filter((message) => counts.get(message.text) !== 1).map((m) => m.text);
    expect(notOnce).toEqual([]);
    expect(rows).toHaveLength(MESSAGES);
    expect(rows.filter((row) => row.incomplete)).toEqual([]);
    expect(deletes.filter((entry) => !entry.ok)).toEqual([]);
    expect(deletes.length).toBeGreaterThanOrEqual(messages.reduce((sum, m) => sum + m.parts, 0));
    expect(flaggedDeletes).toEqual([]);
    expect(kills).toBe(KILL_AT.length);
    expect(gateway.starts).toBe(1 + KILL_AT.length);
    expect(faultLog.filter((entry) => entry.startsWith('restart failed'))).toEqual([]);
    expect(new Set(faultLog.map((entry) => entry.split(' ')[0]))).toEqual(
      new Set(['unplug', 'hang', 'lost-cmti', 'garbage', 'storage-full', 'gateway']),
    );
  }, 240_000);
});

interface ChaosMessage {
  sender: string;
  text: string;
  encoding: SmsEncoding;
  /** PDUs the simulator will store for it */
  parts: number;
}

const SYLLABLES = '가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허고노도로모보소오조초';
const SENDERS = ['16449999', '15889999', '+821012345678', '01055556666', 'KBSTAR'];

/** Kinds in turn: short UCS2, short CP949 (DCS 0x84), long UCS2 (3 parts), long CP949 (2 parts). */
function makeMessage(n: number, random: () => number): ChaosMessage {
  const kind = n % 4;
  const sender = SENDERS[Math.floor(random() * SENDERS.length)];
  const filler = (length: number) =>
    Array.from({ length }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join('');
  const head = `카오스#${n} `;
  switch (kind) {
    case 0:
      return { sender, text: `${head}${filler(20)}`, encoding: 'ucs2', parts: 1 };
    case 1:
      return { sender, text: `${head}${filler(30)}`, encoding: 'ksc5601', parts: 1 };
    case 2:
      // 67 UCS2 characters per part
      return { sender, text: `${head}${filler(160)}`, encoding: 'ucs2', parts: 3 };
    default:
      // 134 CP949 bytes per part, 2 bytes a syllable
      return { sender, text: `${head}${filler(100)}`, encoding: 'ksc5601', parts: 2 };
  }
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
