import { CRSM_READ_ICCID } from 'src/modem/at/commands/iccid.command';
import { ModemProfile } from './modem-profile';

export const QUECTEL_PROFILE: ModemProfile = {
  id: 'quectel',
  name: 'Quectel (EC20/EC25/EG25/UC20/M35)',
  matches: (manufacturer, model) =>
    /quectel/i.test(manufacturer ?? '') || /^(EC2\d|EG\d\d|UC\d\d|BG9\d|M35|EM\d\d(?!\d))/i.test(model ?? ''),
  initCommands: [],
  iccidCommands: ['AT+QCCID', 'AT+CCID', CRSM_READ_ICCID],
  resetCommands: ['AT+CFUN=1,1'],
  usb: [
    {
      vendorId: '2c7c',
      atInterface: 2,
      note: 'ttyUSB2 = AT, ttyUSB3 = modem; URCs go to usbat unless QURCCFG says otherwise',
    },
  ],
  bootBanners: ['RDY', '+QIND: SMS DONE'],
  notes:
    'URCs are routed by AT+QURCCFG="urcport",<usbat|usbmodem|uart1>; if +CMTI never arrives on the port we read, ' +
    'set it to that port (serialport-gsm #12). Not sent by default: the right value depends on the wired port. ' +
    'EC25 announces status reports in SR as +CDSI: "SM" (asterisk-chan-quectel #75).',
};
