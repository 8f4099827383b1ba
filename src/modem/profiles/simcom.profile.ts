import { CRSM_READ_ICCID } from 'src/modem/at/commands/iccid.command';
import { ModemProfile } from './modem-profile';

export const SIMCOM_PROFILE: ModemProfile = {
  id: 'simcom',
  name: 'SIMCom (SIM800/SIM900/SIM7000/SIM7600)',
  matches: (manufacturer, model) => /simcom/i.test(manufacturer ?? '') || /^sim\d{3,4}/i.test(model ?? ''),
  initCommands: [],
  // SIM800: AT+CCID; SIM7x00: AT+CICCID.
  iccidCommands: ['AT+CCID', 'AT+CICCID', CRSM_READ_ICCID],
  resetCommands: ['AT+CFUN=1,1'],
  usb: [{ vendorId: '1e0e', atInterface: 2, note: 'SIM7600: ttyUSB2 is AT' }],
  bootBanners: ['RDY', 'Call Ready', 'SMS Ready'],
  notes:
    'AT+CMGF and SMS commands answer ERROR until "SMS Ready" (Seeed-Studio/GPRS_SIM900 #39): init retries them. ' +
    '"SMS Ready" after init means the module rebooted and may be back with echo on (TinyGSM #608).',
};
