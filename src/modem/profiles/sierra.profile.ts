import { CRSM_READ_ICCID } from 'src/modem/at/commands/iccid.command';
import { ModemProfile } from './modem-profile';

export const SIERRA_PROFILE: ModemProfile = {
  id: 'sierra',
  name: 'Sierra Wireless / Wavecom',
  matches: (manufacturer, model) =>
    /sierra|wavecom/i.test(manufacturer ?? '') || /wismo|^MC\d{4}|^EM\d{4}|multiband/i.test(model ?? ''),
  // Wavecom +WIND indications off (boot/SIM/network chatter).
  initCommands: ['AT+WIND=0'],
  iccidCommands: ['AT!ICCID?', 'AT+CCID', CRSM_READ_ICCID],
  // Wavecom resets on AT+CFUN=1 (no second parameter); Sierra MC/EM modules on AT!RESET.
  resetCommands: ['AT+CFUN=1', 'AT!RESET'],
  usb: [{ vendorId: '1199', atInterface: 2 }],
  notes:
    'Wavecom Multiband answers AT+CPIN? without a trailing OK on some firmware (python-gsmmodem fakemodems).',
};
