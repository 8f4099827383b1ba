import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CallbackEndpointEntity } from 'src/callbacks/callback-endpoint.entity';

/** Endpoint health rows (callback_endpoints), written only when something is wrong or was. */
@Injectable()
export class CallbackEndpointRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(accountId: string): Promise<CallbackEndpointEntity | null> {
    return this.dataSource.manager.findOneBy(CallbackEndpointEntity, { accountId });
  }

  /** A failed call: remembers since when the endpoint fails; returns that time and any pause. */
  async recordFailure(
    accountId: string,
    at: Date,
    error: string | null,
  ): Promise<{ failingSince: Date; pausedAt: Date | null }> {
    const [row] = await this.dataSource.query<{ failing_since: Date; paused_at: Date | null }[]>(
      `INSERT INTO callback_endpoints (account_id, failing_since, last_failure_at, last_error)
       VALUES ($1, $2, $2, $3)
       ON CONFLICT (account_id) DO UPDATE SET
         failing_since = COALESCE(callback_endpoints.failing_since, EXCLUDED.failing_since),
         last_failure_at = EXCLUDED.last_failure_at, last_error = EXCLUDED.last_error, updated_at = now()
       RETURNING failing_since, paused_at`,
      [accountId, at, error],
    );
    return { failingSince: row.failing_since, pausedAt: row.paused_at };
  }

  /** Pauses the endpoint unless it already is; true when this call paused it. */
  async pause(accountId: string, at: Date, reason: string): Promise<boolean> {
    const [, affected] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE callback_endpoints SET paused_at = $2, pause_reason = $3, updated_at = now()
        WHERE account_id = $1 AND paused_at IS NULL`,
      [accountId, at, reason],
    );
    return affected > 0;
  }

  /**
   * An OK: the endpoint is healthy again. Touches the row only when it records a failure or a
   * pause, so the common case (always OK) costs one index probe. Returns whether it was paused.
   */
  async recordSuccess(accountId: string): Promise<boolean> {
    const [rows] = await this.dataSource.query<[{ was_paused: boolean }[], number]>(
      `UPDATE callback_endpoints e
          SET failing_since = NULL, paused_at = NULL, pause_reason = NULL, updated_at = now()
         FROM (SELECT account_id, paused_at IS NOT NULL AS was_paused FROM callback_endpoints
                WHERE account_id = $1 FOR UPDATE) old
        WHERE e.account_id = old.account_id AND (e.failing_since IS NOT NULL OR e.paused_at IS NOT NULL)
        RETURNING old.was_paused`,
      [accountId],
    );
    return rows.some((row) => row.was_paused);
  }
}
