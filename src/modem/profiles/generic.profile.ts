import { GENERIC_ICCID_COMMANDS } from 'src/modem/at/commands/iccid.command';
import { ModemProfile } from './modem-profile';

export const GENERIC_PROFILE: ModemProfile = {
  id: 'generic',
  name: 'Generic 27.005/27.007 modem',
  matches: () => true,
  initCommands: [],
  iccidCommands: GENERIC_ICCID_COMMANDS,
  resetCommands: ['AT+CFUN=1,1'],
};
