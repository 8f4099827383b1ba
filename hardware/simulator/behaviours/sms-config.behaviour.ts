/** SMS service settings: +CMGF, +CPMS, +CNMI, +CSMS, +CSCA. Only PDU mode is simulated. */
import { intArg, parseAtCommand } from 'hardware/simulator/at-command';
import type { ModemBehaviour, ModemContext } from 'hardware/simulator/modem-behaviour';

const CNMI_MAX = [3, 3, 3, 2, 1];

export const smsConfigBehaviour: ModemBehaviour = {
  name: 'sms-config',
  onCommand(line: string, ctx: ModemContext): boolean {
    const cmd = parseAtCommand(line);
    const s = ctx.state;
    switch (cmd.name) {
      case '+CMGF':
        if (cmd.kind === 'read') {
          ctx.respond(`+CMGF: ${s.cmgf}`);
          ctx.ok();
        } else if (cmd.kind === 'test') {
          ctx.respond('+CMGF: (0)');
          ctx.ok();
        } else if (cmd.kind === 'set' && cmd.args[0] === '0') {
          s.cmgf = 0;
          ctx.ok();
        } else {
          ctx.cmsError(303); // text mode is not simulated
        }
        return true;
      case '+CPMS':
        return cpms(cmd.kind, cmd.args, ctx);
      case '+CNMI':
        if (cmd.kind === 'read') {
          ctx.respond(`+CNMI: ${s.cnmi.join(',')}`);
          ctx.ok();
        } else if (cmd.kind === 'test') {
          ctx.respond(ctx.personality.cnmiTest);
          ctx.ok();
        } else if (cmd.kind === 'set') {
          const values = [...s.cnmi] as typeof s.cnmi;
          for (let i = 0; i < Math.min(cmd.args.length, 5); i++) {
            if (cmd.args[i] === '') {
              continue;
            }
            const v = intArg(cmd.args, i);
            if (v === null || v > CNMI_MAX[i]) {
              ctx.cmsError(303);
              return true;
            }
            values[i] = v;
          }
          if (cmd.args.length > 5) {
            ctx.cmsError(303);
            return true;
          }
          s.cnmi = values;
          ctx.ok();
        } else {
          ctx.ok();
        }
        return true;
      case '+CSMS':
        if (cmd.kind === 'read') {
          ctx.respond('+CSMS: 0,1,1,1');
        } else if (cmd.kind === 'test') {
          ctx.respond('+CSMS: (0,1)');
        } else if (cmd.kind === 'set') {
          ctx.respond('+CSMS: 1,1,1');
        }
        ctx.ok();
        return true;
      case '+CSCA':
        if (cmd.kind === 'read') {
          ctx.respond(`+CSCA: "${ctx.smsc}",${ctx.smsc.startsWith('+') ? 145 : 129}`);
        }
        ctx.ok();
        return true;
      default:
        return false;
    }
  },
};

function cpms(kind: string, args: string[], ctx: ModemContext): boolean {
  const { used, total } = ctx.storage;
  const s = ctx.state;
  if (kind === 'test') {
    ctx.respond(ctx.personality.cpmsTest);
    ctx.ok();
  } else if (kind === 'read') {
    ctx.respond(`+CPMS: ${s.cpms.map((m) => `"${m}",${used},${total}`).join(',')}`);
    ctx.ok();
  } else if (kind === 'set') {
    const memories = args.filter((a) => a !== '').map((a) => a.toUpperCase());
    if (
      memories.length === 0 ||
      memories.length > 3 ||
      memories.some((m) => !ctx.personality.memories.includes(m))
    ) {
      ctx.cmsError(302);
      return true;
    }
    const next = [...s.cpms] as [string, string, string];
    memories.forEach((m, i) => (next[i] = m));
    s.cpms = next;
    ctx.respond(`+CPMS: ${[0, 1, 2].map(() => `${used},${total}`).join(',')}`);
    ctx.ok();
  } else {
    ctx.error();
  }
  return true;
}
