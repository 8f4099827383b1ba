/**
 * +CPIN and the SIM gate: while the SIM is not READY, commands that need it answer the errors real
 * modems give (+CME ERROR: 10/11/14 for 27.007 commands, +CMS ERROR: 310/311/314 for SMS commands).
 */
import { parseAtCommand } from 'hardware/simulator/at-command';
import type { ModemBehaviour, ModemContext, SimState } from 'hardware/simulator/modem-behaviour';

const NEEDS_SIM_CME = [
  '+CIMI',
  '+CCID',
  '+ICCID',
  '^ICCID',
  '+QCCID',
  '+ZGETICCID',
  '+CRSM',
  '+CNUM',
  '+COPS',
];
const NEEDS_SIM_CMS = ['+CMGR', '+CMGL', '+CMGD', '+CPMS', '+CMGS', '+CMGW', '+CSCA'];

const CME_BY_SIM: Readonly<Record<Exclude<SimState, 'READY'>, number>> = {
  'NOT INSERTED': 10,
  'SIM PIN': 11,
  BUSY: 14,
};

export const simStatusBehaviour: ModemBehaviour = {
  name: 'sim-status',
  onCommand(line: string, ctx: ModemContext): boolean {
    const cmd = parseAtCommand(line);
    const sim = ctx.state.sim;
    if (cmd.name === '+CPIN') {
      if (cmd.kind === 'read') {
        if (sim === 'READY' || sim === 'SIM PIN') {
          ctx.respond(`+CPIN: ${sim}`);
          if (ctx.personality.cpinWithoutOk) {
            ctx.noAnswer();
          } else {
            ctx.ok();
          }
        } else {
          ctx.cmeError(CME_BY_SIM[sim]);
        }
      } else if (cmd.kind === 'set') {
        if (sim === 'SIM PIN') {
          ctx.state.sim = 'READY';
          ctx.ok();
        } else {
          ctx.cmeError(3);
        }
      } else {
        ctx.ok();
      }
      return true;
    }
    if (sim === 'READY' || cmd.kind === 'test') {
      return false;
    }
    if (NEEDS_SIM_CME.includes(cmd.name)) {
      ctx.cmeError(CME_BY_SIM[sim]);
      return true;
    }
    if (NEEDS_SIM_CMS.includes(cmd.name)) {
      ctx.cmsError(CME_BY_SIM[sim] + 300);
      return true;
    }
    return false;
  },
};
