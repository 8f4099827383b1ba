import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue } from 'bull';
import { rootLogger } from 'src/common/logger';
import { APP_CONFIG, AppConfig } from 'src/config/env.dto';
import { DeliveryRepository } from 'src/callbacks/callback-attempt.repository';
import { CallbackDeliveryService } from 'src/callbacks/callback-delivery.service';
import { CALLBACK_QUEUE, DELIVER_JOB, DeliverJobData } from 'src/callbacks/callback.queue';
import { CallbackScheduler } from 'src/callbacks/callback.scheduler';

const logger = rootLogger.child({ module: 'callback-processor' });
const RECONCILE_INTERVAL_MS = 60_000;

/**
 * Runs delivery jobs, with concurrency from config (so registered here, not by decorator), and
 * reconciles PostgreSQL with Redis: a due attempt without a job (Redis flushed, a crash between
 * commit and enqueue) is enqueued again. Job ids make that idempotent.
 */
@Injectable()
export class CallbackProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private reconcileTimer: NodeJS.Timeout | null = null;

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
    this.reconcileTimer = setInterval(() => void this.reconcile(), RECONCILE_INTERVAL_MS);
    this.reconcileTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    await this.queue.close().catch(() => undefined);
  }

  async reconcile(): Promise<number> {
    let restored = 0;
    try {
      for (const deposit of await this.deliveries.due(new Date())) {
        const attempt = deposit.attempts + 1;
        if (await this.scheduler.hasJob(deposit.id, attempt)) continue;
        await this.scheduler.schedule(deposit.id, attempt, 0);
        restored += 1;
      }
      if (restored > 0) logger.warn({ restored }, 'reconciler enqueued due callbacks that had no job');
    } catch (error) {
      logger.error({ err: error }, 'callback reconciliation failed; will retry');
    }
    return restored;
  }
}
