import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue } from 'bull';
import { DeliveryRepository, DueDelivery } from 'src/callbacks/callback-attempt.repository';
import { CallbackDeliveryService } from 'src/callbacks/callback-delivery.service';
import { CALLBACK_QUEUE, DELIVER_JOB, DeliverJobData } from 'src/callbacks/callback.queue';
import { CallbackScheduler } from 'src/callbacks/callback.scheduler';
import { rootLogger } from 'src/common/logger';
import { APP_CONFIG, AppConfig } from 'src/config/env.dto';

const logger = rootLogger.child({ module: 'callback-processor' });
const RECONCILE_PAGE = 500;

/**
 * Runs delivery jobs, with concurrency from config (so registered here, not by decorator), and
 * reconciles PostgreSQL with Redis at start and every CALLBACK_RECONCILE_INTERVAL_MS: a due attempt
 * without a live job (Redis flushed or restarted, a crash between commit and enqueue, a job that
 * failed while the database was down) is enqueued again. Job ids make that idempotent, and the
 * deposit row's attempt counter makes a duplicate run a no-op.
 */
@Injectable()
export class CallbackProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private reconcileTimer: NodeJS.Timeout | null = null;
  private reconciling: Promise<number> | null = null;

  constructor(
    @InjectQueue(CALLBACK_QUEUE) private readonly queue: Queue<DeliverJobData>,
    private readonly delivery: CallbackDeliveryService,
    private readonly deliveries: DeliveryRepository,
    private readonly scheduler: CallbackScheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.queue.process(DELIVER_JOB, this.config.callback.concurrency, (job: Job<DeliverJobData>) =>
      this.delivery.deliverScheduled(job.data.depositId, job.data.attempt),
    );
    void this.reconcile();
    this.reconcileTimer = setInterval(() => void this.reconcile(), this.config.callback.reconcileIntervalMs);
    this.reconcileTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    await this.reconciling?.catch(() => undefined);
    await this.queue.close().catch(() => undefined);
  }

  /** One pass; a pass still running when the timer fires again is not doubled. */
  reconcile(): Promise<number> {
    this.reconciling ??= this.reconcileOnce().finally(() => (this.reconciling = null));
    return this.reconciling;
  }

  private async reconcileOnce(): Promise<number> {
    let restored = 0;
    try {
      // Deposits held by a pause that a concurrent resume missed become due again.
      await this.deliveries.releaseHeld();
      const now = new Date();
      let after: DueDelivery | null = null;
      for (;;) {
        const page = await this.deliveries.duePage(now, after, RECONCILE_PAGE);
        for (const deposit of page) {
          if (await this.scheduler.ensureScheduled(deposit.id, deposit.attempts + 1)) restored += 1;
        }
        if (page.length < RECONCILE_PAGE) break;
        after = page[page.length - 1];
      }
      if (restored > 0) logger.warn({ restored }, 'reconciler enqueued due callbacks that had no job');
    } catch (error) {
      logger.error({ err: error }, 'callback reconciliation failed; will retry');
    }
    return restored;
  }
}
