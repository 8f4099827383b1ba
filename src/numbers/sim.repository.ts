import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { PlacedAccount, SimCandidate } from 'src/numbers/allocation-rules';
import { SimEntity } from 'src/numbers/sim.entity';

export interface SimWithLoad extends SimEntity {
  accounts: number;
}

/**
 * Modem states of a modem that works or is on its way back (init, a recovery in progress). Listed,
 * not excluded, so a state added later (failed, closed, sim_not_ready …) never counts as healthy.
 */
const HEALTHY_MODEM_STATES = ['ready', 'recovering', 'initialising', 'opening'];

@Injectable()
export class SimRepository {
  constructor(@InjectRepository(SimEntity) private readonly sims: Repository<SimEntity>) {}

  /** Inserts the SIM a modem reported, or refreshes what the modem says about it. */
  async upsertSeen(identity: {
    iccid: string;
    imsi: string | null;
    phoneNumber: string | null;
    modemId: string | null;
  }): Promise<SimEntity> {
    await this.sims
      .createQueryBuilder()
      .insert()
      .into(SimEntity)
      .values({ ...identity, lastSeenAt: new Date() })
      .orUpdate(['imsi', 'modem_id', 'last_seen_at'], ['iccid'])
      .execute();
    // CNUM only fills a number the operator has not set: an operator's PATCH wins over the SIM's own record.
    if (identity.phoneNumber) {
      await this.sims
        .createQueryBuilder()
        .update()
        .set({ phoneNumber: identity.phoneNumber })
        .where('iccid = :iccid AND phone_number IS NULL', { iccid: identity.iccid })
        .execute();
    }
    return this.sims.findOneByOrFail({ iccid: identity.iccid });
  }

  async touch(simId: string): Promise<void> {
    await this.sims.update({ id: simId }, { lastSeenAt: new Date() });
  }

  findByIccid(iccid: string): Promise<SimEntity | null> {
    return this.sims.findOneBy({ iccid });
  }

  findById(id: string): Promise<SimEntity | null> {
    return this.sims.findOneBy({ id });
  }

  async update(
    id: string,
    changes: Partial<Pick<SimEntity, 'phoneNumber' | 'enabled' | 'capacity'>>,
  ): Promise<void> {
    await this.sims.update({ id }, changes);
  }

  async listWithLoad(): Promise<SimWithLoad[]> {
    const sims = await this.sims.find({ order: { createdAt: 'ASC' } });
    const counts: { sim_id: string; accounts: string }[] = await this.sims.query(
      'SELECT sim_id, COUNT(*) AS accounts FROM bank_accounts WHERE deleted_at IS NULL AND sim_id IS NOT NULL GROUP BY sim_id',
    );
    const bySim = new Map(counts.map((row) => [row.sim_id, Number(row.accounts)]));
    return sims.map((sim) => Object.assign(sim, { accounts: bySim.get(sim.id) ?? 0 }));
  }

  /**
   * SIMs that may take accounts at all, least loaded first: enabled, number known, and seen
   * through a modem that answered within the window and is in a working state. (A SIM with no modem row
   * exists only when created outside the modem layer, e.g. in tests: its own last_seen_at counts.)
   * Runs inside the caller's transaction, after it took the allocation lock.
   */
  async eligibleSims(
    manager: EntityManager,
    query: { defaultCapacity: number; healthySince: Date; excludeSimIds: string[] },
  ): Promise<SimCandidate[]> {
    const rows: { sim_id: string; load: string; capacity: number }[] = await manager.query(
      `SELECT s.id AS sim_id, COALESCE(s.capacity, $2) AS capacity,
              (SELECT COUNT(*) FROM bank_accounts a WHERE a.sim_id = s.id AND a.deleted_at IS NULL) AS load
         FROM sims s
         LEFT JOIN modems m ON m.id = s.modem_id
        WHERE s.enabled AND s.phone_number IS NOT NULL AND s.last_seen_at >= $1
          AND (s.modem_id IS NULL OR (m.last_seen_at >= $1 AND m.state = ANY($4::varchar[])))
          AND NOT (s.id = ANY($3::uuid[]))
        ORDER BY load ASC, s.created_at ASC, s.id ASC`,
      [query.healthySince, query.defaultCapacity, query.excludeSimIds, HEALTHY_MODEM_STATES],
    );
    return rows.map((row) => ({ simId: row.sim_id, load: Number(row.load), capacity: row.capacity }));
  }

  /** Live accounts of these banks on these SIMs: what rules 1 and 2 look at. */
  async placedAccounts(
    manager: EntityManager,
    simIds: string[],
    bankCodes: string[],
  ): Promise<PlacedAccount[]> {
    if (simIds.length === 0) return [];
    const rows: { sim_id: string; merchant_id: string; bank_code: string; account_number: string }[] =
      await manager.query(
        `SELECT sim_id, merchant_id, bank_code, account_number FROM bank_accounts
          WHERE deleted_at IS NULL AND sim_id = ANY($1::uuid[]) AND bank_code = ANY($2::char(3)[])`,
        [simIds, bankCodes],
      );
    return rows.map((row) => ({
      simId: row.sim_id,
      merchantId: row.merchant_id,
      bankCode: row.bank_code,
      accountNumber: row.account_number,
    }));
  }
}
