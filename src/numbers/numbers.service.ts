import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AppError, ErrorCode, NotFoundError } from 'src/common/app-error';
import { formatPhoneNumber, toNationalDigits } from 'src/common/phone-number';
import { APP_CONFIG, AppConfig } from 'src/config/env.dto';
import { BankAccountEntity } from 'src/accounts/bank-account.entity';
import { findBank, smsBankGroup } from 'src/banks/bank-registry';
import { rootLogger } from 'src/common/logger';
import { accountMatchesHint } from 'src/numbers/account-hint';
import { AllocationRequest, chooseSim, SimRefusal } from 'src/numbers/allocation-rules';
import { sameSmsBanks } from 'src/numbers/sms-account-masks';
import { SimEntity } from 'src/numbers/sim.entity';
import { SimRepository } from 'src/numbers/sim.repository';

const logger = rootLogger.child({ module: 'numbers' });

/** A SIM whose modem was not seen for this long cannot take new accounts. */
const HEALTHY_WITHIN_MS = 60 * 60 * 1000;
/** Serialises allocations so two concurrent registrations can never both take the last slot. */
const ALLOCATION_LOCK_KEY = 0x1b6e_0001;

export interface SimView {
  id: string;
  iccid: string;
  imsi: string | null;
  phoneNumber: string | null;
  modemId: string | null;
  enabled: boolean;
  capacity: number;
  accounts: number;
}

export type Attribution = { account: BankAccountEntity; reason: null } | { account: null; reason: string };

/** One account moved off a SIM by evacuation, or left on it because no SIM could take it. */
export interface EvacuationOutcome {
  accountId: string;
  from: string | null;
  to: string | null;
  /** Set when the account stayed where it was. */
  reason: string | null;
}

export interface EvacuationReport {
  simId: string;
  moved: EvacuationOutcome[];
  stranded: EvacuationOutcome[];
}

const REFUSAL_TEXT: Record<SimRefusal, string> = {
  full: 'every number with a modem online is full',
  other_merchant_same_bank: "the numbers with room already carry another merchant's account of this bank",
  indistinguishable:
    "your other accounts of this bank are on the numbers with room, and this bank's SMS does not show enough digits to tell them apart",
};

export class NoNotificationNumberError extends AppError {
  constructor(context: { bankCode: string; merchantId: string }, refusals: SimRefusal[]) {
    const bankName = findBank(context.bankCode)?.name ?? context.bankCode;
    const why =
      refusals.length === 0
        ? 'no notification number is online right now'
        : [...new Set(refusals)].map((r) => REFUSAL_TEXT[r]).join('; ');
    super(
      ErrorCode.NoNotificationNumber,
      `지금은 이 ${bankName} 계좌에 배정할 입금통지번호가 없습니다. No notification number can take this ${bankName} account: ${why}. Nothing was registered; please try again later or ask the operator to add a number.`,
      { ...context, refusals },
    );
  }
}

@Injectable()
export class NumbersService {
  private readonly simIdsByIccid = new Map<string, string>();

  constructor(
    private readonly sims: SimRepository,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Called by the modem layer once it has read a SIM's identity. */
  registerSeenSim(identity: {
    iccid: string;
    imsi: string | null;
    ownNumber: string | null;
    modemId: string | null;
  }): Promise<SimEntity> {
    return this.sims.upsertSeen({
      iccid: identity.iccid,
      imsi: identity.imsi,
      phoneNumber: identity.ownNumber ? toNationalDigits(identity.ownNumber) : null,
      modemId: identity.modemId,
    });
  }

  /** SIM ids never change for an ICCID, so they are cached for the hot path of every SMS. */
  async simIdForIccid(iccid: string): Promise<string | null> {
    const cached = this.simIdsByIccid.get(iccid);
    if (cached) return cached;
    const sim = await this.sims.findByIccid(iccid);
    if (sim) this.simIdsByIccid.set(iccid, sim.id);
    return sim?.id ?? null;
  }

  touchSim(simId: string): Promise<void> {
    return this.sims.touch(simId);
  }

  async listSims(): Promise<SimView[]> {
    return (await this.sims.listWithLoad()).map((sim) => this.toView(sim, sim.accounts));
  }

  async updateSim(
    id: string,
    changes: { phoneNumber?: string | null; enabled?: boolean; capacity?: number | null },
  ): Promise<SimView> {
    if (!(await this.sims.findById(id))) throw new NotFoundError('SIM', { simId: id });
    await this.sims.update(id, changes);
    const updated = (await this.sims.listWithLoad()).find((sim) => sim.id === id);
    if (!updated) throw new NotFoundError('SIM', { simId: id });
    return this.toView(updated, updated.accounts);
  }

  async getNumber(simId: string | null): Promise<string | null> {
    if (!simId) return null;
    return formatPhoneNumber((await this.sims.findById(simId))?.phoneNumber ?? null);
  }

  /**
   * Picks the SIM for an account inside the caller's transaction (rules in allocation-rules.ts):
   * never two merchants' accounts of one bank on a SIM, one merchant's accounts of a bank together
   * only when the bank's SMS tells them apart, capacity, then least loaded. The transaction-scoped
   * advisory lock makes every allocation and evacuation take turns, so what was checked is still
   * true when the row is written and committed (no check-then-insert race).
   */
  async allocate(
    manager: EntityManager,
    request: AllocationRequest & { excludeSimIds?: string[] },
  ): Promise<string> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [ALLOCATION_LOCK_KEY]);
    const candidates = await this.sims.eligibleSims(manager, {
      defaultCapacity: this.config.simDefaultCapacity,
      healthySince: new Date(Date.now() - HEALTHY_WITHIN_MS),
      excludeSimIds: request.excludeSimIds ?? [],
    });
    const placed = await this.sims.placedAccounts(
      manager,
      candidates.map((c) => c.simId),
      sameSmsBanks(request.bankCode),
    );
    const choice = chooseSim(request, candidates, placed);
    if (choice.simId === null) {
      logger.warn(
        { bankCode: request.bankCode, merchantId: request.merchantId, refusals: choice.refusals },
        'no notification number could take an account',
      );
      throw new NoNotificationNumberError(
        { bankCode: request.bankCode, merchantId: request.merchantId },
        choice.refusals,
      );
    }
    return choice.simId;
  }

  /**
   * Moves every account off a SIM (dead SIM, cancelled number): the SIM is disabled first so it
   * takes nothing new, then each account gets a number by the same rules, in its own transaction.
   * An account no SIM can take stays where it is and is reported, so the operator can add a SIM
   * and run it again; the merchant sees the new number, the date and the previous number.
   */
  async evacuate(simId: string): Promise<EvacuationReport> {
    const sim = await this.sims.findById(simId);
    if (!sim) throw new NotFoundError('SIM', { simId });
    await this.sims.update(simId, { enabled: false });
    const report: EvacuationReport = { simId, moved: [], stranded: [] };
    const from = formatPhoneNumber(sim.phoneNumber);
    const accounts = await this.dataSource.manager.find(BankAccountEntity, {
      where: { simId },
      order: { createdAt: 'ASC' },
    });
    for (const account of accounts) {
      try {
        const to = await this.runInTransaction(async (manager) => {
          const newSimId = await this.allocate(manager, {
            merchantId: account.merchantId,
            bankCode: account.bankCode,
            accountNumber: account.accountNumber,
            excludeSimIds: [simId],
          });
          // Only if it is still live and still on this SIM (deleted or moved meanwhile: leave it).
          const result = await manager.update(
            BankAccountEntity,
            { id: account.id, simId, deletedAt: IsNull() },
            { simId: newSimId, numberAssignedAt: new Date(), previousPhoneNumber: sim.phoneNumber },
          );
          return result.affected ? newSimId : null;
        });
        if (to) {
          report.moved.push({ accountId: account.id, from, to: await this.getNumber(to), reason: null });
        }
      } catch (error) {
        if (!(error instanceof NoNotificationNumberError)) throw error;
        report.stranded.push({ accountId: account.id, from, to: null, reason: error.message });
      }
    }
    logger.info({ simId, moved: report.moved.length, stranded: report.stranded.length }, 'SIM evacuated');
    return report;
  }

  /** Exactly one live account on this SIM for the bank (and visible digits), or none with a reason. */
  async attribute(
    manager: EntityManager,
    sms: { simId: string | null; bankCode: string; accountHint: string | null },
  ): Promise<Attribution> {
    if (!sms.simId) return { account: null, reason: 'SIM identity unknown' };
    // A 농협 SMS reads the same for 농협은행 (011) and 지역농·축협 (012): either account may be meant.
    const accounts = await manager.find(BankAccountEntity, {
      where: { simId: sms.simId, bankCode: In(smsBankGroup(sms.bankCode)) },
    });
    const matching = sms.accountHint
      ? accounts.filter((a) => accountMatchesHint(a.accountNumber, sms.accountHint!))
      : accounts;
    if (matching.length === 1) return { account: matching[0], reason: null };
    if (matching.length === 0) {
      return { account: null, reason: `no ${sms.bankCode} account on this number matches` };
    }
    return {
      account: null,
      reason: `${matching.length} ${sms.bankCode} accounts on this number match; not guessing`,
    };
  }

  runInTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  private toView(sim: SimEntity, accounts: number): SimView {
    return {
      id: sim.id,
      iccid: sim.iccid,
      imsi: sim.imsi,
      phoneNumber: formatPhoneNumber(sim.phoneNumber),
      modemId: sim.modemId,
      enabled: sim.enabled,
      capacity: sim.capacity ?? this.config.simDefaultCapacity,
      accounts,
    };
  }
}
