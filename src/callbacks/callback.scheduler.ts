import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { JobOptions, Queue } from 'bull';
import { CALLBACK_QUEUE, DELIVER_JOB, DeliverJobData, deliverJobId } from 'src/callbacks/callback.queue';
import { rootLogger } from 'src/common/logger';

const logger = rootLogger.child({ module: 'callback-scheduler' });

/**
 * Bull retries a job whose run threw (the database was unreachable while loading or recording):
 * the run re-reads PostgreSQL, so a retry never repeats an attempt that was recorded.
 */
const JOB_OPTIONS: JobOptions = {
  removeOnComplete: true,
  removeOnFail: 1000,
  attempts: 5,
  backoff: { type: 'exponential', delay: 500 },
};

/** States in which a job will still run; anything else (failed, completed, stuck) is dead. */
const LIVE_STATES = new Set(['waiting', 'active', 'delayed', 'paused']);

@Injectable()
export class CallbackScheduler {
  constructor(@InjectQueue(CALLBACK_QUEUE) private readonly queue: Queue<DeliverJobData>) {}

  /**
   * Enqueues an attempt. Failure here is logged, not thrown: the deposit row already says the
   * attempt is due, and the reconciler enqueues it if this job never made it to Redis.
   */
  async schedule(depositId: string, attempt: number, delayMs: number): Promise<void> {
    try {
      await this.queue.add(
        DELIVER_JOB,
        { depositId, attempt },
        { ...JOB_OPTIONS, jobId: deliverJobId(depositId, attempt), delay: Math.max(0, delayMs) },
      );
    } catch (error) {
      logger.error(
        { err: error, depositId, attempt },
        'could not enqueue callback; the reconciler will retry',
      );
    }
  }

  /**
   * For the reconciler: makes sure a due attempt has a live job. A job that failed for good (the
   * database was down through every retry) or is left half-deleted would otherwise block its id
   * forever, so it is removed and the attempt enqueued again. True when a job was added.
   */
  async ensureScheduled(depositId: string, attempt: number): Promise<boolean> {
    const job = await this.queue.getJob(deliverJobId(depositId, attempt));
    if (job) {
      if (LIVE_STATES.has(await job.getState())) return false;
      await job.remove();
    }
    await this.schedule(depositId, attempt, 0);
    return true;
  }
}
