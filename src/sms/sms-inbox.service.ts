import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { rootLogger } from 'src/common/logger';
import { APP_CONFIG, AppConfig } from 'src/config/env.dto';
import { InboundSmsSink, RawStoredSms } from 'src/modem/modem.types';
import { NumbersService } from 'src/numbers/numbers.service';
import { InboundSmsRepository, NewInboundSms } from 'src/sms/inbound-sms.repository';
import { assembleParts, multipartKey } from 'src/sms/multipart/multipart-assembler';
import { SmsPartRepository } from 'src/sms/multipart/sms-part.repository';
import { DecodedPdu, decodePdu, smsFingerprint } from 'src/sms/pdu/pdu-decoder';
import { SmsPartEntity } from 'src/sms/sms-part.entity';
import { SMS_RECEIVED, SmsReceived } from 'src/sms/sms.events';

const logger = rootLogger.child({ module: 'sms-inbox' });

/**
 * Where the modem layer hands every message it read. `accept` resolves only once the message (or
 * its part) is committed: the modem deletes it from the SIM after that, never before.
 *
 * A concatenated message still missing parts `SMS_MULTIPART_TIMEOUT_MS` after its first part came is
 * stored with what arrived, flagged `incomplete`, never dropped. The check runs periodically over the
 * persisted parts, so a restart in between changes nothing.
 */
@Injectable()
export class SmsInboxService implements InboundSmsSink, OnApplicationBootstrap, OnApplicationShutdown {
  private expiryTimer: NodeJS.Timeout | null = null;
  private expiryRun: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly messages: InboundSmsRepository,
    private readonly parts: SmsPartRepository,
    private readonly numbers: NumbersService,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const timeoutMs = this.config.smsMultipartTimeoutMs;
    // Checked several times per timeout so a message is stored soon after its deadline.
    const every = Math.min(60_000, Math.max(500, Math.floor(timeoutMs / 4)));
    this.expiryTimer = setInterval(() => void this.expireIncompleteMultiparts(), every);
    this.expiryTimer.unref();
    void this.expireIncompleteMultiparts();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.expiryTimer) clearInterval(this.expiryTimer);
    await this.expiryRun;
  }

  /**
   * Stores every concatenated message whose first part is older than the timeout with the parts that
   * arrived. Returns how many were stored; never throws (the next run retries).
   */
  expireIncompleteMultiparts(now = new Date()): Promise<number> {
    this.expiryRun ??= this.runExpiry(now).finally(() => (this.expiryRun = null));
    return this.expiryRun;
  }

  private async runExpiry(now: Date): Promise<number> {
    let stored = 0;
    try {
      const cutoff = new Date(now.getTime() - this.config.smsMultipartTimeoutMs);
      for (const key of await this.parts.expiredKeys(cutoff)) {
        const id = await this.dataSource.transaction(async (manager) => {
          const waiting = await this.parts.lockWaitingParts(manager, key);
          return waiting.length === 0 ? null : this.storeAssembled(manager, key, waiting, true);
        });
        if (id) {
          stored += 1;
          logger.warn(
            { inboundSmsId: id },
            'concatenated SMS incomplete after the timeout; stored with the parts that came',
          );
          this.announce(id);
        }
      }
    } catch (error) {
      logger.error({ err: error }, 'multipart timeout check failed; retried on the next run');
    }
    return stored;
  }

  async accept(raw: RawStoredSms): Promise<void> {
    const simId = raw.iccid ? await this.numbers.simIdForIccid(raw.iccid) : null;
    const simKey = raw.iccid ?? raw.imsi ?? `port:${raw.port}`;
    let pdu: DecodedPdu;
    try {
      pdu = decodePdu(raw.pdu);
    } catch (error) {
      // Kept raw with the reason so nothing is silently lost, then deleted like any other message.
      logger.warn({ port: raw.port, index: raw.index, err: error }, 'undecodable PDU stored raw');
      await this.store({
        ...this.base(raw, simId),
        fingerprint: sha256(`${simKey}|raw|${raw.pdu.trim().toUpperCase()}`),
        status: 'undecodable',
        error: (error as Error).message,
      });
      return;
    }
    if (pdu.concat && pdu.concat.total > 1) {
      await this.acceptPart(raw, simId, simKey, pdu);
      return;
    }
    await this.store({
      ...this.base(raw, simId),
      ...this.decodedFields(pdu),
      fingerprint: smsFingerprint(simKey, pdu),
      text: pdu.text,
      ...textStatus(pdu),
    });
  }

  private async acceptPart(
    raw: RawStoredSms,
    simId: string | null,
    simKey: string,
    pdu: DecodedPdu,
  ): Promise<void> {
    const storedId = await this.dataSource.transaction(async (manager) => {
      // Only called for concatenated PDUs, which always have a key.
      const key = multipartKey(simKey, pdu) ?? `${simKey}|${pdu.sender}`;
      const waiting = await this.parts.addPart(manager, {
        fingerprint: smsFingerprint(simKey, pdu),
        multipartKey: key,
        sequence: pdu.concat!.sequence,
        total: pdu.concat!.total,
        pdu: raw.pdu,
        modemPort: raw.port,
        simId,
        receivedAt: new Date(),
      });
      return this.storeAssembled(manager, key, waiting, false);
    });
    if (storedId) this.announce(storedId);
  }

  /**
   * Folds the waiting parts of one message into an InboundSms: when complete, or (`expired`) with
   * whatever arrived. Null when not complete yet, or when the row was already there.
   */
  private async storeAssembled(
    manager: EntityManager,
    key: string,
    waiting: SmsPartEntity[],
    expired: boolean,
  ): Promise<string | null> {
    const decoded = waiting.map((part) => decodePdu(part.pdu));
    const assembled = assembleParts(decoded);
    if (!assembled.complete && !expired) return null;
    const first = decoded.reduce((a, b) => ((b.concat?.sequence ?? 1) < (a.concat?.sequence ?? 1) ? b : a));
    const id = await this.messages.insertOnce(manager, {
      ...this.base({ port: waiting[0].modemPort, pdu: '' }, waiting[0].simId),
      ...this.decodedFields(first),
      fingerprint: sha256(
        `multipart|${key}|${waiting
          .map((part) => part.fingerprint)
          .sort()
          .join('|')}`,
      ),
      text: first.isText ? assembled.text : '',
      pdus: waiting.map((part) => part.pdu),
      incomplete: !assembled.complete,
      ...textStatus(first, assembled.complete ? null : `part(s) ${assembled.missing.join(', ')} never came`),
    });
    if (id) {
      await this.parts.markAssembled(
        manager,
        waiting.map((part) => part.id),
        id,
      );
    }
    return id;
  }

  private async store(sms: NewInboundSms): Promise<void> {
    const id = await this.dataSource.transaction((manager) => this.messages.insertOnce(manager, sms));
    if (id === null) {
      logger.info(
        { port: sms.modemPort, fingerprint: sms.fingerprint.slice(0, 12) },
        'SMS already stored; not stored again',
      );
      return;
    }
    if (sms.status === 'received') this.announce(id);
  }

  private announce(inboundSmsId: string): void {
    const event: SmsReceived = { inboundSmsId };
    // Classification failures must not undo the commit the modem is waiting for; the
    // recorder retries unclassified messages on its own.
    this.events
      .emitAsync(SMS_RECEIVED, event)
      .catch((error: unknown) => logger.error({ err: error, inboundSmsId }, 'SMS processing failed'));
  }

  private base(raw: Pick<RawStoredSms, 'port' | 'pdu'>, simId: string | null): NewInboundSms {
    return {
      fingerprint: '',
      simId,
      modemPort: raw.port,
      sender: '',
      text: '',
      pdus: [raw.pdu],
      dcs: null,
      smscTimestamp: null,
      smscTzOffsetMinutes: null,
      receivedAt: new Date(),
      incomplete: false,
      status: 'received',
      bankCode: null,
      parsed: null,
      error: null,
    };
  }

  private decodedFields(
    pdu: DecodedPdu,
  ): Pick<NewInboundSms, 'sender' | 'dcs' | 'smscTimestamp' | 'smscTzOffsetMinutes'> {
    return {
      sender: pdu.sender,
      dcs: pdu.dcs,
      smscTimestamp: pdu.smscTimestamp,
      smscTzOffsetMinutes: pdu.timezoneOffsetMinutes,
    };
  }
}

/** Only text deliveries go on to the banks stage; WAP push, status reports and the like are kept as `other`. */
function textStatus(
  pdu: DecodedPdu,
  incomplete: string | null = null,
): Pick<NewInboundSms, 'status' | 'error'> {
  const note = incomplete ? `incomplete: ${incomplete}` : null;
  return pdu.kind === 'deliver' && pdu.isText
    ? { status: 'received', error: note }
    : {
        status: 'other',
        error: [`not a text message (${pdu.kind}${pdu.isText ? '' : ', binary'})`, note]
          .filter(Boolean)
          .join('; '),
      };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
