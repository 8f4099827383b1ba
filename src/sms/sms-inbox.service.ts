import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { rootLogger } from 'src/common/logger';
import { InboundSmsSink, RawStoredSms } from 'src/modem/modem.types';
import { NumbersService } from 'src/numbers/numbers.service';
import { InboundSmsRepository, NewInboundSms } from 'src/sms/inbound-sms.repository';
import { assembleParts, multipartKey } from 'src/sms/multipart/multipart-assembler';
import { DecodedPdu, decodePdu, smsFingerprint } from 'src/sms/pdu/pdu-decoder';
import { SMS_RECEIVED, SmsReceived } from 'src/sms/sms.events';

const logger = rootLogger.child({ module: 'sms-inbox' });

/**
 * Where the modem layer hands every message it read. `accept` resolves only once the message (or
 * its part) is committed: the modem deletes it from the SIM after that, never before.
 */
@Injectable()
export class SmsInboxService implements InboundSmsSink {
  constructor(
    private readonly dataSource: DataSource,
    private readonly messages: InboundSmsRepository,
    private readonly numbers: NumbersService,
    private readonly events: EventEmitter2,
  ) {}

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
      const waiting = await this.messages.addPart(manager, {
        fingerprint: smsFingerprint(simKey, pdu),
        multipartKey: key,
        sequence: pdu.concat!.sequence,
        total: pdu.concat!.total,
        pdu: raw.pdu,
        modemPort: raw.port,
        simId,
        receivedAt: new Date(),
      });
      const decoded = waiting.map((part) => decodePdu(part.pdu));
      const assembled = assembleParts(decoded);
      if (!assembled.complete) return null;
      const first = decoded.find((part) => part.concat?.sequence === 1) ?? decoded[0];
      const id = await this.messages.insertOnce(manager, {
        ...this.base(raw, simId),
        ...this.decodedFields(first),
        fingerprint: sha256(
          `multipart|${key}|${waiting
            .map((part) => part.fingerprint)
            .sort()
            .join('|')}`,
        ),
        text: first.isText ? assembled.text : '',
        pdus: waiting.map((part) => part.pdu),
        ...textStatus(first),
      });
      if (id) {
        await this.messages.markPartsAssembled(
          manager,
          waiting.map((part) => part.id),
          id,
        );
      }
      return id;
    });
    if (storedId) this.announce(storedId);
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

  private base(raw: RawStoredSms, simId: string | null): NewInboundSms {
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
function textStatus(pdu: DecodedPdu): Pick<NewInboundSms, 'status' | 'error'> {
  return pdu.kind === 'deliver' && pdu.isText
    ? { status: 'received', error: null }
    : { status: 'other', error: `not a text message (${pdu.kind}${pdu.isText ? '' : ', binary'})` };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
