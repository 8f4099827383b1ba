import { getQueueToken } from '@nestjs/bull';
import { Queue } from 'bull';
import Redis from 'ioredis';
import { CALLBACK_QUEUE, deliverJobId } from 'src/callbacks/callback.queue';
import { CallbackHarness } from 'test/utils/callback-harness';
import { decodeCallbackQuery } from 'test/utils/callback-query';
import { GatewayChild, startGatewayChild } from 'test/utils/gateway-child';
import { testServices, waitFor } from 'test/utils/test-gateway';

/**
 * What can crash between the SMS and the merchant's OK: the gateway process (SIGKILL), Redis (the
 * queue's keys gone), PostgreSQL connections (terminated under load). PostgreSQL is the source of
 * truth; each test checks the schedule completes with exactly one deposit per SMS.
 */
describe('delivery recovery', () => {
  const attemptsOf = (h: CallbackHarness) =>
    h.receiver.calls.map((call) => decodeCallbackQuery(call.rawUrl, 'UTF-8').attempt);
  const tidsOf = (h: CallbackHarness) =>
    new Set(h.receiver.calls.map((call) => decodeCallbackQuery(call.rawUrl, 'UTF-8').tid));
  const attemptsRecorded = async (h: CallbackHarness, amount: number, n: number) =>
    waitFor(
      async () => {
        const [row] = await h.sql<{ attempts: number }>('SELECT attempts FROM deposits WHERE amount = $1', [
          amount,
        ]);
        return row?.attempts === n;
      },
      15_000,
      `attempt ${n} recorded`,
    );
  const countDeposits = async (h: CallbackHarness, amount?: number) =>
    Number(
      (
        await h.sql<{ n: string }>(
          amount === undefined
            ? 'SELECT count(*) AS n FROM deposits'
            : 'SELECT count(*) AS n FROM deposits WHERE amount = $1',
          amount === undefined ? [] : [amount],
        )
      )[0].n,
    );

  describe('a gateway killed with SIGKILL in the middle of a retry schedule', () => {
    let h: CallbackHarness;

    beforeAll(async () => {
      h = await CallbackHarness.start({
        startGateway: startGatewayChild,
        env: { CALLBACK_MAX_ATTEMPTS: '4', CALLBACK_RETRY_DELAY_MS: '2000' },
      });
    }, 120_000);

    afterAll(async () => {
      await h?.close();
    });

    it('should complete the schedule after a restart, with the same tid and no deposit doubled', async () => {
      h.receiver.respond(
        { status: 200, body: 'FAIL' },
        { status: 200, body: 'FAIL' },
        { status: 200, body: 'OK' },
      );
      const { amount } = await h.injectDeposit();
      await attemptsRecorded(h, amount, 1);
      // Attempt 2 now waits in Redis as a delayed job; the process dies without any shutdown hook.
      await (h.gateway as GatewayChild).kill();
      await h.restartGateway();
      const deposit = await h.depositWithStatus(amount, 'success', 60_000);
      expect(attemptsOf(h)).toEqual(['1', '2', '3']);
      expect(tidsOf(h)).toEqual(new Set([deposit.tid]));
      expect(await countDeposits(h)).toBe(1);
      expect((await h.attempts(deposit.tid)).map((a) => a.attempt)).toEqual([1, 2, 3]);
    }, 120_000);
  });

  describe('Redis losing the queue mid-schedule', () => {
    let h: CallbackHarness;
    let redis: Redis;

    beforeAll(async () => {
      h = await CallbackHarness.start({
        env: {
          CALLBACK_MAX_ATTEMPTS: '4',
          CALLBACK_RETRY_DELAY_MS: '1500',
          CALLBACK_RECONCILE_INTERVAL_MS: '300',
        },
      });
      redis = new Redis((await testServices()).redisUrl);
    }, 60_000);

    afterAll(async () => {
      redis?.disconnect();
      await h?.close();
    });

    /**
     * Not FLUSHALL: other suites (and other engineers' tests) share this Redis. Deleting every key
     * under this gateway's own Bull prefix is the same loss as far as this gateway can tell.
     */
    async function wipeQueue(): Promise<number> {
      let deleted = 0;
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${h.queuePrefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) deleted += await redis.del(...keys);
      } while (cursor !== '0');
      return deleted;
    }

    it('should have the reconciler restore the lost attempt and finish the schedule', async () => {
      h.receiver.respond(
        { status: 200, body: 'FAIL' },
        { status: 200, body: 'FAIL' },
        { status: 200, body: 'OK' },
      );
      const { amount } = await h.injectDeposit();
      await attemptsRecorded(h, amount, 1);
      const [{ id }] = await h.sql<{ id: string }>('SELECT id FROM deposits WHERE amount = $1', [amount]);
      const queue = h.app.get<Queue>(getQueueToken(CALLBACK_QUEUE));
      expect(await queue.getJob(deliverJobId(String(id), 2))).not.toBeNull();
      expect(await wipeQueue()).toBeGreaterThan(0);
      expect(await queue.getJob(deliverJobId(String(id), 2))).toBeNull();

      const deposit = await h.depositWithStatus(amount, 'success', 20_000);
      expect(attemptsOf(h)).toEqual(['1', '2', '3']);
      expect(tidsOf(h)).toEqual(new Set([deposit.tid]));
      expect(await countDeposits(h)).toBe(1);
    }, 60_000);
  });

  describe('PostgreSQL connections terminated while deposits stream in', () => {
    const SMS_COUNT = 12;
    let h: CallbackHarness;

    beforeAll(async () => {
      h = await CallbackHarness.start({
        env: {
          CALLBACK_RETRY_DELAY_MS: '500',
          CALLBACK_RECONCILE_INTERVAL_MS: '500',
          MODEM_SWEEP_INTERVAL_MS: '1000',
        },
      });
    }, 60_000);

    afterAll(async () => {
      await h?.close();
    });

    it('should lose no deposit and double none', async () => {
      const database = new URL(h.database.url).pathname.slice(1);
      let terminated = 0;
      let streaming = true;
      // The server stays up (other suites use it): only this test database's backends are killed.
      const killer = (async () => {
        while (streaming) {
          const rows = await h.sql<{ ok: boolean }>(
            'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
            [database],
          );
          terminated += rows.filter((row) => row.ok).length;
          await new Promise((r) => setTimeout(r, 150));
        }
      })();
      const amounts: number[] = [];
      for (let i = 0; i < SMS_COUNT; i++) {
        amounts.push((await h.injectDeposit(`입금자${i}`)).amount);
        await new Promise((r) => setTimeout(r, 120));
      }
      await new Promise((r) => setTimeout(r, 500));
      streaming = false;
      await killer;
      expect(terminated).toBeGreaterThan(0);

      await waitFor(
        async () => {
          const rows = await h.sql<{ amount: string; status: string }>('SELECT amount, status FROM deposits');
          return rows.length === SMS_COUNT && rows.every((row) => row.status === 'success');
        },
        110_000,
        `${SMS_COUNT} deposits delivered`,
      );
      for (const amount of amounts) expect(await countDeposits(h, amount)).toBe(1);
      const delivered = await h.sql<{ tid: string }>('SELECT tid FROM deposits');
      expect(tidsOf(h)).toEqual(new Set(delivered.map((row) => row.tid)));
    }, 150_000);
  });
});
