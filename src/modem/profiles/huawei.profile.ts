import { CRSM_READ_ICCID } from 'src/modem/at/commands/iccid.command';
import { ModemProfile } from './modem-profile';

export const HUAWEI_PROFILE: ModemProfile = {
  id: 'huawei',
  name: 'Huawei (E1550/E173/E1752/E3372/E3531)',
  matches: (manufacturer, model) => /huawei/i.test(manufacturer ?? '') || /^E\d{3,4}/i.test(model ?? ''),
  // ^CURC=0 stops the periodic ^RSSI/^MODE/^BOOT/^DSFLOWRPT flood (gammu does the same).
  initCommands: ['AT^CURC=0'],
  iccidCommands: ['AT^ICCID?', CRSM_READ_ICCID],
  // E3372/E173 reboot on AT^RESET; older sticks only know CFUN.
  resetCommands: ['AT^RESET', 'AT+CFUN=1,1'],
  usb: [{ vendorId: '12d1', atInterface: 2, note: 'stick mode: ttyUSB0 modem, ttyUSB2 PCUI (AT + URCs)' }],
  bootBanners: ['^SYSSTART'],
  notes:
    '^BOOT: is periodic noise, not a reboot. Stops sending +CMTI when storage is full (sends ^SMMEMFULL, ' +
    'asterisk-chan-dongle #47): the sweep covers it. ^PORTSEL decides which port gets URCs; ModemManager sets 0, gammu 1.',
};
