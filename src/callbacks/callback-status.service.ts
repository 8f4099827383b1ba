import { Injectable } from '@nestjs/common';
import { DeliveryRepository } from 'src/callbacks/callback-attempt.repository';
import { CallbackEndpointRepository } from 'src/callbacks/callback-endpoint.repository';

export interface CallbackEndpointStatus {
  accountId: string;
  /** Automatic calls are held while true; a successful resend or test callback resumes them. */
  paused: boolean;
  pausedAt: Date | null;
  reason: string | null;
  /** First failed call after the last OK; null while the endpoint answers OK. */
  failingSince: Date | null;
  lastFailureAt: Date | null;
  lastError: string | null;
  lastSuccessAt: Date | null;
  /** Deposits waiting (status `sending`) for the endpoint to resume. */
  heldDeposits: number;
}

@Injectable()
export class CallbackStatusService {
  constructor(
    private readonly endpoints: CallbackEndpointRepository,
    private readonly deliveries: DeliveryRepository,
  ) {}

  async of(accountId: string): Promise<CallbackEndpointStatus> {
    const [endpoint, lastSuccessAt, heldDeposits] = await Promise.all([
      this.endpoints.find(accountId),
      this.deliveries.lastSuccessAt(accountId),
      this.deliveries.heldCount(accountId),
    ]);
    return {
      accountId,
      paused: Boolean(endpoint?.pausedAt),
      pausedAt: endpoint?.pausedAt ?? null,
      reason: endpoint?.pauseReason ?? null,
      failingSince: endpoint?.failingSince ?? null,
      lastFailureAt: endpoint?.lastFailureAt ?? null,
      lastError: endpoint?.lastError ?? null,
      lastSuccessAt,
      heldDeposits,
    };
  }
}
