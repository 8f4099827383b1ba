/** V.250 basics: AT, ATE, ATZ/AT&F, ATV, ATQ, ATI, AT&W, +CMEE, +CFUN, +CSCS, +CLAC-free vendor hygiene commands. */
import { intArg, parseAtCommand } from 'hardware/simulator/at-command';
import type { ModemBehaviour, ModemContext } from 'hardware/simulator/modem-behaviour';

const CHARSETS = ['GSM', 'IRA', 'UCS2', 'HEX', 'PCCP437', '8859-1'];

export const basicBehaviour: ModemBehaviour = {
  name: 'basic',
  onCommand(line: string, ctx: ModemContext): boolean {
    const cmd = parseAtCommand(line);
    switch (cmd.name) {
      case '':
        ctx.ok();
        return true;
      case 'E': {
        const v = cmd.rawArgs === '' ? 0 : Number(cmd.rawArgs);
        if (v !== 0 && v !== 1) {
          ctx.error();
        } else {
          ctx.state.echo = v === 1;
          ctx.ok();
        }
        return true;
      }
      case 'Z':
      case '&F':
        ctx.resetSettings();
        ctx.ok();
        return true;
      case 'V':
        // only verbose result codes are simulated
        if (cmd.rawArgs === '1') {
          ctx.ok();
        } else {
          ctx.error();
        }
        return true;
      case 'Q':
      case '&W':
      case '&C':
      case '&D':
        ctx.ok();
        return true;
      case 'I':
        ctx.respond(
          ctx.personality.manufacturer,
          ctx.personality.model,
          `Revision: ${ctx.personality.revision}`,
        );
        ctx.ok();
        return true;
      case '+CMEE':
        return cmee(cmd.kind, cmd.args, ctx);
      case '+CFUN':
        if (cmd.kind === 'read') {
          ctx.respond(`+CFUN: ${ctx.state.operator === null && ctx.state.cregStat === 0 ? 0 : 1}`);
          ctx.ok();
        } else if (cmd.kind === 'test') {
          ctx.respond('+CFUN: (0,1,4),(0-1)');
          ctx.ok();
        } else if (cmd.kind === 'set') {
          const fun = intArg(cmd.args, 0);
          const reset = intArg(cmd.args, 1) === 1;
          if (fun === null || ![0, 1, 4].includes(fun)) {
            ctx.cmeError(50);
          } else {
            ctx.ok();
            if (reset) {
              ctx.reboot();
            } else {
              ctx.setRadio(fun === 1);
            }
          }
        } else {
          ctx.error();
        }
        return true;
      case '+CSCS':
        if (cmd.kind === 'read') {
          ctx.respond('+CSCS: "IRA"');
        } else if (cmd.kind === 'test') {
          ctx.respond(`+CSCS: (${CHARSETS.map((c) => `"${c}"`).join(',')})`);
        } else if (cmd.kind === 'set' && !CHARSETS.includes(cmd.args[0] ?? '')) {
          ctx.cmeError(50);
          return true;
        }
        ctx.ok();
        return true;
      default:
        return false;
    }
  },
};

function cmee(kind: string, args: string[], ctx: ModemContext): boolean {
  if (kind === 'read') {
    ctx.respond(`+CMEE: ${ctx.state.cmee}`);
    ctx.ok();
  } else if (kind === 'test') {
    ctx.respond('+CMEE: (0-2)');
    ctx.ok();
  } else if (kind === 'set') {
    const n = intArg(args, 0);
    if (n === null || n > 2) {
      ctx.cmeError(50);
    } else {
      ctx.state.cmee = n as 0 | 1 | 2;
      ctx.ok();
    }
  } else {
    ctx.error();
  }
  return true;
}

/** Vendor URC hygiene commands gateways send (Huawei ^CURC/^PORTSEL, Quectel +QURCCFG, call-related settings). */
export const vendorBehaviour: ModemBehaviour = {
  name: 'vendor',
  onCommand(line: string, ctx: ModemContext): boolean {
    const cmd = parseAtCommand(line);
    switch (cmd.name) {
      case '^CURC':
        if (ctx.personality.name !== 'huawei') {
          return false;
        }
        if (cmd.kind === 'set') {
          ctx.state.vendorUrcs = cmd.args[0] !== '0';
        } else if (cmd.kind === 'read') {
          ctx.respond(`^CURC: ${ctx.state.vendorUrcs ? 1 : 0}`);
        }
        ctx.ok();
        return true;
      case '^PORTSEL':
        if (ctx.personality.name !== 'huawei') {
          return false;
        }
        ctx.ok();
        return true;
      case '+QURCCFG':
        if (ctx.personality.name !== 'quectel') {
          return false;
        }
        if (cmd.kind === 'set' && cmd.args.length === 1) {
          ctx.respond('+QURCCFG: "urcport","usbat"');
        }
        ctx.ok();
        return true;
      case '+WIND':
        if (ctx.personality.name !== 'wavecom') {
          return false;
        }
        if (cmd.kind === 'read') {
          ctx.respond('+WIND: 0');
        }
        ctx.ok();
        return true;
      case '+CLIP':
      case '+CRC':
      case '+CVHU':
      case '+CSMP':
        ctx.ok();
        return true;
      default:
        return false;
    }
  },
};
