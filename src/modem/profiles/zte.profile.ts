import { CRSM_READ_ICCID } from 'src/modem/at/commands/iccid.command';
import { ModemProfile } from './modem-profile';

export const ZTE_PROFILE: ModemProfile = {
  id: 'zte',
  name: 'ZTE (MF110/MF190/MF626/MF710/K3565-Z)',
  matches: (manufacturer, model) => /zte/i.test(manufacturer ?? '') || /^(MF\d{3}|K3565)/i.test(model ?? ''),
  initCommands: [],
  iccidCommands: ['AT+ZGETICCID', 'AT+CCID', CRSM_READ_ICCID],
  resetCommands: ['AT+CFUN=1,1'],
  usb: [{ vendorId: '19d2', atInterface: 2 }],
  notes:
    'Leaves garbage from earlier sessions (gammu sends a bare AT and discards the reply: our resync does that). ' +
    'Sends +CMGR with an empty <stat> (",,92"). gammu also sends AT+ZOPRT=5 / AT+ZCDRUN=8; ZCDRUN changes the USB ' +
    'composition persistently, so it is left to the operator.',
};
