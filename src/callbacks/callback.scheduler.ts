import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bull';
import { rootLogger } from 'src/common/logger';
import { CALLBACK_QUEUE, DELIVER_JOB, DeliverJobData, deliverJobId } from 'src/callbacks/callback.queue';

const logger = rootLogger.child({ module: 'callback-scheduler' });

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
        {
          jobId: deliverJobId(depositId, attempt),
          delay: Math.max(0, delayMs),
          removeOnComplete: true,
          removeOnFail: 1000,
        },
      );
    } catch (error) {
      logger.error(
        { err: error, depositId, attempt },
        'could not enqueue callback; the reconciler will retry',
      );
    }
  }

  async hasJob(depositId: string, attempt: number): Promise<boolean> {
    return (await this.queue.getJob(deliverJobId(depositId, attempt))) !== null;
  }
}
