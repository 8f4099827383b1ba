import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { SimEntity } from 'src/numbers/sim.entity';

export interface SimWithLoad extends SimEntity {
  accounts: number;
}

export interface AllocationCandidate {
  simId: string;
  load: number;
}

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
   * SIMs that may take an account of `bankCode` for `merchantId`, least loaded first. Runs inside
   * the caller's transaction, after it took the allocation lock.
   */
  async allocationCandidates(
    manager: EntityManager,
    query: { bankCode: string; merchantId: string; defaultCapacity: number; healthySince: Date },
  ): Promise<AllocationCandidate[]> {
    const rows: { sim_id: string; load: string }[] = await manager.query(
      `SELECT s.id AS sim_id, COUNT(a.id) AS load
         FROM sims s
         LEFT JOIN bank_accounts a ON a.sim_id = s.id AND a.deleted_at IS NULL
        WHERE s.enabled AND s.phone_number IS NOT NULL AND s.last_seen_at >= $4
          AND NOT EXISTS (SELECT 1 FROM bank_accounts o
                           WHERE o.sim_id = s.id AND o.deleted_at IS NULL
                             AND o.bank_code = $1 AND o.merchant_id <> $2)
        GROUP BY s.id
       HAVING COUNT(a.id) < COALESCE(MAX(s.capacity), $3)
        ORDER BY COUNT(a.id) ASC, MIN(s.created_at) ASC`,
      [query.bankCode, query.merchantId, query.defaultCapacity, query.healthySince],
    );
    return rows.map((row) => ({ simId: row.sim_id, load: Number(row.load) }));
  }
}
