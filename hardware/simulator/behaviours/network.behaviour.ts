/** Radio status: +CSQ, +CREG/+CGREG/+CEREG, +COPS. */
import { intArg, parseAtCommand } from 'hardware/simulator/at-command';
import type { ModemBehaviour, ModemContext } from 'hardware/simulator/modem-behaviour';

export const networkBehaviour: ModemBehaviour = {
  name: 'network',
  onCommand(line: string, ctx: ModemContext): boolean {
    const cmd = parseAtCommand(line);
    const s = ctx.state;
    switch (cmd.name) {
      case '+CSQ':
        if (cmd.kind === 'test') {
          ctx.respond('+CSQ: (0-31,99),(0-7,99)');
        } else {
          ctx.respond(`+CSQ: ${s.rssi},${s.ber}`);
        }
        ctx.ok();
        return true;
      case '+CREG':
      case '+CGREG':
      case '+CEREG':
        if (cmd.kind === 'read') {
          ctx.respond(`${cmd.name}: ${s.cregMode},${s.cregStat}`);
        } else if (cmd.kind === 'test') {
          ctx.respond(`${cmd.name}: (0-2)`);
        } else if (cmd.kind === 'set') {
          const n = intArg(cmd.args, 0);
          if (n === null || n > 2) {
            ctx.cmeError(50);
            return true;
          }
          if (cmd.name === '+CREG') {
            s.cregMode = n;
          }
        }
        ctx.ok();
        return true;
      case '+COPS':
        if (cmd.kind === 'read') {
          ctx.respond(s.operator === null ? '+COPS: 0' : `+COPS: 0,0,"${s.operator}",${s.act}`);
        } else if (cmd.kind === 'test') {
          ctx.respond(`+COPS: (2,"${s.operator ?? 'SKTelecom'}","SKT","45005",7),,(0-4),(0-2)`);
        }
        ctx.ok(); // AT+COPS=3,0 and friends are accepted
        return true;
      default:
        return false;
    }
  },
};
