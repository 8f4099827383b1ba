/** Product and SIM identity: +CGMI/+GMI, +CGMM/+GMM, +CGMR/+GMR, +CGSN/+GSN, +CIMI, the ICCID family, +CNUM. */
import { parseAtCommand } from 'hardware/simulator/at-command';
import type { ModemBehaviour, ModemContext } from 'hardware/simulator/modem-behaviour';
import { swapSemiOctets } from 'hardware/simulator/pdu-encoder';
import type { IccidCommand } from 'hardware/simulator/personalities';

/** EF_ICCID (file 0x2FE2 = 12258) read with READ BINARY (176): what ModemManager uses when no vendor command exists. */
const CRSM_READ_ICCID = /^176,12258,0,0,10$/;

const ICCID_COMMANDS: readonly string[] = ['+CCID', '+ICCID', '^ICCID', '+QCCID', '+ZGETICCID'];

export const identityBehaviour: ModemBehaviour = {
  name: 'identity',
  onCommand(line: string, ctx: ModemContext): boolean {
    const cmd = parseAtCommand(line);
    if (cmd.kind === 'test' && ['+CGMI', '+CGMM', '+CGMR', '+CGSN', '+CIMI', '+CNUM'].includes(cmd.name)) {
      ctx.ok();
      return true;
    }
    switch (cmd.name) {
      case '+CGMI':
      case '+GMI':
        ctx.respond(ctx.personality.manufacturer);
        ctx.ok();
        return true;
      case '+CGMM':
      case '+GMM':
        ctx.respond(ctx.personality.model);
        ctx.ok();
        return true;
      case '+CGMR':
      case '+GMR':
        ctx.respond(ctx.personality.revision);
        ctx.ok();
        return true;
      case '+CGSN':
      case '+GSN':
        ctx.respond(ctx.identity.imei);
        ctx.ok();
        return true;
      case '+CIMI':
        ctx.respond(ctx.identity.imsi);
        ctx.ok();
        return true;
      case '+CRSM':
        if (cmd.kind !== 'set' || !CRSM_READ_ICCID.test(cmd.args.join(','))) {
          ctx.cmeError(4);
          return true;
        }
        // the SIM stores the ICCID as swapped BCD nibbles, as the modem prints it
        ctx.respond(`+CRSM: 144,0,"${swapSemiOctets(ctx.identity.iccid)}"`);
        ctx.ok();
        return true;
      case '+CNUM': {
        const number = ctx.identity.phoneNumber;
        if (number !== null && number !== '') {
          ctx.respond(`+CNUM: "","${number}",${number.startsWith('+') ? 145 : 129}`);
        }
        ctx.ok();
        return true;
      }
      default:
        break;
    }
    if (ICCID_COMMANDS.includes(cmd.name)) {
      const name = cmd.name as IccidCommand;
      if (!ctx.personality.iccidCommands.includes(name) || cmd.kind === 'set') {
        return false; // unknown to this model: falls through to the unknown-command reply
      }
      if (name === '^ICCID' && cmd.kind !== 'read') {
        return false; // Huawei only knows the read form AT^ICCID?
      }
      ctx.respond(ctx.personality.iccidReply(ctx.identity.iccid, name));
      ctx.ok();
      return true;
    }
    return false;
  },
};
