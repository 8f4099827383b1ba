import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AppError, ErrorCode, NotFoundError } from 'src/common/app-error';
import { formatPhoneNumber, toNationalDigits } from 'src/common/phone-number';
import { APP_CONFIG, AppConfig } from 'src/config/env.dto';
import { BankAccountEntity } from 'src/accounts/bank-account.entity';
import { smsBankGroup } from 'src/banks/bank-registry';
import { accountMatchesHint } from 'src/numbers/account-hint';
import { SimEntity } from 'src/numbers/sim.entity';
import { SimRepository } from 'src/numbers/sim.repository';

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

export class NoNotificationNumberError extends AppError {
  constructor(context: Record<string, unknown>) {
    super(
      ErrorCode.NoNotificationNumber,
      '지금은 이 계좌에 배정할 입금통지번호가 없습니다 (no notification number is free for this account); please try again later or contact the operator',
      context,
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
   * Picks the SIM for a new account inside the caller's transaction: never two merchants' accounts
   * of one bank on a SIM (both would see that bank's verification SMS), capacity respected, least
   * loaded first. The advisory lock makes concurrent registrations take turns.
   */
  async allocate(manager: EntityManager, request: { bankCode: string; merchantId: string }): Promise<string> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [ALLOCATION_LOCK_KEY]);
    const candidates = await this.sims.allocationCandidates(manager, {
      ...request,
      defaultCapacity: this.config.simDefaultCapacity,
      healthySince: new Date(Date.now() - HEALTHY_WITHIN_MS),
    });
    // One merchant's accounts of one bank share a SIM only if the SMS can tell them apart; until the
    // per-bank masks are wired in (issue 5), prefer a SIM where this merchant has no account of that bank.
    const sharing = await this.merchantBankSims(manager, request);
    const chosen = candidates.find((candidate) => !sharing.has(candidate.simId));
    if (!chosen) throw new NoNotificationNumberError(request);
    return chosen.simId;
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

  private async merchantBankSims(
    manager: EntityManager,
    request: { bankCode: string; merchantId: string },
  ): Promise<Set<string>> {
    const rows = await manager.find(BankAccountEntity, {
      where: { merchantId: request.merchantId, bankCode: request.bankCode },
      select: { simId: true },
    });
    return new Set(rows.map((row) => row.simId).filter((id): id is string => id !== null));
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
