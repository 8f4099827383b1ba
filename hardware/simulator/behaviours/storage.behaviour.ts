/**
 * Message storage: +CMGR (read, marks read), +CMGL (list by status, marks read), +CMGD (delete one,
 * or by flag). PDU-mode framings as real modems print them: `+CMGR: <stat>,,<length>` then the PDU.
 */
import { intArg, parseAtCommand } from 'hardware/simulator/at-command';
import type { ModemBehaviour, ModemContext } from 'hardware/simulator/modem-behaviour';
import { SmsStatus } from 'hardware/simulator/sim-storage';

export const storageBehaviour: ModemBehaviour = {
  name: 'storage',
  onCommand(line: string, ctx: ModemContext): boolean {
    const cmd = parseAtCommand(line);
    switch (cmd.name) {
      case '+CMGR':
        return cmgr(cmd.kind, cmd.args, ctx);
      case '+CMGL':
        return cmgl(cmd.kind, cmd.args, ctx);
      case '+CMGD':
        return cmgd(cmd.kind, cmd.args, ctx);
      default:
        return false;
    }
  },
};

function cmgr(kind: string, args: string[], ctx: ModemContext): boolean {
  if (kind === 'test') {
    ctx.ok();
    return true;
  }
  const index = intArg(args, 0);
  if (kind !== 'set' || index === null) {
    ctx.cmsError(302);
    return true;
  }
  if (!ctx.storage.inRange(index)) {
    ctx.cmsError(321);
    return true;
  }
  const sms = ctx.storage.get(index);
  if (!sms) {
    if (ctx.personality.emptySlotRead === 'cms321') {
      ctx.cmsError(321);
    } else {
      ctx.ok();
    }
    return true;
  }
  ctx.respond(`+CMGR: ${ctx.personality.emptyStatField ? '' : sms.status},,${sms.tpduLength}`, sms.pdu);
  if (sms.status === SmsStatus.RecUnread) {
    sms.status = SmsStatus.RecRead;
  }
  ctx.ok();
  return true;
}

function cmgl(kind: string, args: string[], ctx: ModemContext): boolean {
  if (kind === 'test') {
    ctx.respond('+CMGL: (0-4)');
    ctx.ok();
    return true;
  }
  // AT+CMGL alone lists REC UNREAD (27.005 default)
  const stat = kind === 'exec' ? 0 : intArg(args, 0);
  if (stat === null || stat > 4) {
    ctx.cmsError(302); // text-mode "ALL" etc. are not valid in PDU mode
    return true;
  }
  const listed = ctx.storage.list().filter((m) => stat === 4 || (m.status as number) === stat);
  if (listed.length > 0) {
    const stat = (m: (typeof listed)[number]): string =>
      ctx.personality.emptyStatField ? '' : String(m.status);
    ctx.respond(...listed.flatMap((m) => [`+CMGL: ${m.index},${stat(m)},,${m.tpduLength}`, m.pdu]));
  }
  for (const m of listed) {
    if (m.status === SmsStatus.RecUnread) {
      m.status = SmsStatus.RecRead;
    }
  }
  ctx.ok();
  return true;
}

function cmgd(kind: string, args: string[], ctx: ModemContext): boolean {
  const storage = ctx.storage;
  if (kind === 'test') {
    ctx.respond(
      `+CMGD: (${storage
        .list()
        .map((m) => m.index)
        .join(',')}),(0-4)`,
    );
    ctx.ok();
    return true;
  }
  const index = intArg(args, 0);
  const flag = args.length > 1 ? intArg(args, 1) : 0;
  if (kind !== 'set' || index === null || flag === null || flag > 4) {
    ctx.cmsError(302);
    return true;
  }
  if (flag === 0) {
    if (!storage.inRange(index)) {
      ctx.cmsError(321);
      return true;
    }
    storage.delete(index);
  } else {
    // 1: all read, 2: read + sent, 3: read + sent + unsent, 4: all; the index is ignored
    const doomed: readonly SmsStatus[] = [
      [],
      [SmsStatus.RecRead],
      [SmsStatus.RecRead, SmsStatus.StoSent],
      [SmsStatus.RecRead, SmsStatus.StoSent, SmsStatus.StoUnsent],
      [SmsStatus.RecRead, SmsStatus.StoSent, SmsStatus.StoUnsent, SmsStatus.RecUnread],
    ][flag];
    for (const m of storage.list()) {
      if (doomed.includes(m.status)) {
        storage.delete(m.index);
      }
    }
  }
  ctx.ok();
  ctx.storageChanged();
  return true;
}
