import { EntityManager } from 'typeorm';
import type { BalanceLink } from 'src/deposits/authenticity';
import { InboundSmsEntity } from 'src/sms/inbound-sms.entity';

export interface ChainLink {
  accountId: string;
  amount: number | null;
  balance: number | null;
  occurredAt: Date;
}

/**
 * The per-account chain of transaction SMS (deposits, withdrawals, reversals) kept on inbound_sms,
 * read and written inside the recorder's transaction. Stateless: every call takes the manager.
 */
export class BalanceChainRepository {
  /** Serialises the chain of one account: two SMS of it classified at once see each other. */
  async lockAccount(manager: EntityManager, accountId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('balance-chain:' || $1))`, [accountId]);
  }

  /**
   * The latest balance-bearing SMS of the account before this one, ordered by when the bank says
   * it happened, then when it was received, then id (ix_inbound_sms_balance_chain).
   */
  async previous(
    manager: EntityManager,
    current: { id: string; accountId: string; occurredAt: Date; receivedAt: Date },
  ): Promise<BalanceLink | null> {
    const rows: { id: string; balance: string; occurred_at: Date }[] = await manager.query(
      `SELECT id, balance, occurred_at FROM inbound_sms
        WHERE account_id = $1 AND balance IS NOT NULL
          AND (occurred_at, received_at, id) < ($2, $3, $4)
        ORDER BY occurred_at DESC, received_at DESC, id DESC
        LIMIT 1`,
      [current.accountId, current.occurredAt, current.receivedAt, current.id],
    );
    const row = rows[0];
    return row
      ? { inboundSmsId: String(row.id), balance: Number(row.balance), occurredAt: row.occurred_at }
      : null;
  }

  async record(manager: EntityManager, inboundSmsId: string, link: ChainLink): Promise<void> {
    await manager.update(
      InboundSmsEntity,
      { id: inboundSmsId },
      {
        accountId: link.accountId,
        amount: link.amount === null ? null : String(link.amount),
        balance: link.balance === null ? null : String(link.balance),
        occurredAt: link.occurredAt,
      },
    );
  }
}
