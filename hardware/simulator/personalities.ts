/**
 * Vendor personalities: data, not code, like the gateway's modem profiles. The replies are the
 * shapes documented in MODEMS.md §2.1 and §4.1 (CNMI/CPMS test replies, ICCID commands, boot
 * banners, Huawei ^RSSI/^BOOT noise, Wavecom's +CPIN without OK, Quectel's 0-based SM storage).
 */
export type PersonalityName = 'generic' | 'simcom' | 'quectel' | 'huawei' | 'wavecom' | 'zte';

export const PERSONALITY_NAMES: readonly PersonalityName[] = [
  'generic',
  'simcom',
  'quectel',
  'huawei',
  'wavecom',
];

export type IccidCommand = '+CCID' | '+ICCID' | '^ICCID' | '+QCCID' | '+ZGETICCID';

export interface ModemPersonality {
  name: PersonalityName;
  manufacturer: string;
  model: string;
  revision: string;
  /** ICCID commands the model knows, and how it prints the answer */
  iccidCommands: readonly IccidCommand[];
  iccidReply(iccid: string, command: IccidCommand): string;
  /** first storage index (Quectel SM storage starts at 0) */
  firstIndex: 0 | 1;
  /** what AT+CMGR on an empty slot answers: OK alone, or +CMS ERROR: 321 */
  emptySlotRead: 'ok' | 'cms321';
  cnmiTest: string;
  cpmsTest: string;
  /** memories accepted by AT+CPMS= (all map to the one simulated storage) */
  memories: readonly string[];
  /** +CNMI after power-on / ATZ */
  defaultCnmi: [number, number, number, number, number];
  /** answer to a command nobody handles */
  unknownCommandReply: string;
  /** URCs written after a (re)boot */
  bootBanner: readonly string[];
  /** periodic vendor noise (Huawei); the modem writes one line every noise interval */
  noiseLines: readonly string[];
  /** URC written when an SMS cannot be stored (Huawei ^SMMEMFULL) */
  memoryFullUrc: string | null;
  /** Wavecom answers AT+CPIN? with the +CPIN line and no OK (python-gsmmodem fakemodems) */
  cpinWithoutOk: boolean;
  /** ZTE prints +CMGR/+CMGL without the <stat> value (`+CMGR: ,,92`, MODEMS.md V06) */
  emptyStatField: boolean;
}

const plainCcid = (iccid: string, command: IccidCommand): string =>
  `${command === '+ICCID' ? '+CCID' : command}: ${iccid}`;

export const PERSONALITIES: Readonly<Record<PersonalityName, ModemPersonality>> = {
  generic: {
    name: 'generic',
    manufacturer: 'Ipgeum',
    model: 'Virtual GSM Modem',
    revision: 'IPGEUM-SIM 1.0.0',
    iccidCommands: ['+CCID', '+ICCID'],
    iccidReply: plainCcid,
    firstIndex: 1,
    emptySlotRead: 'ok',
    cnmiTest: '+CNMI: (0-3),(0-3),(0-3),(0,1),(0,1)',
    cpmsTest: '+CPMS: ("SM"),("SM"),("SM")',
    memories: ['SM'],
    defaultCnmi: [0, 0, 0, 0, 0],
    unknownCommandReply: 'ERROR',
    bootBanner: ['RDY'],
    noiseLines: [],
    memoryFullUrc: null,
    cpinWithoutOk: false,
    emptyStatField: false,
  },
  simcom: {
    name: 'simcom',
    manufacturer: 'SIMCOM_Ltd',
    model: 'SIMCOM_SIM800L',
    revision: 'Revision:1418B04SIM800L24',
    iccidCommands: ['+CCID'],
    iccidReply: (iccid) => iccid, // SIM800 prints the bare number
    firstIndex: 1,
    emptySlotRead: 'ok',
    cnmiTest: '+CNMI: (0-3),(0-3),(0,2),(0-2),(0,1)',
    cpmsTest:
      '+CPMS: ("SM","ME","SM_P","ME_P","MT"),("SM","ME","SM_P","ME_P","MT"),("SM","ME","SM_P","ME_P","MT")',
    memories: ['SM', 'ME', 'SM_P', 'ME_P', 'MT'],
    defaultCnmi: [2, 1, 0, 0, 0],
    unknownCommandReply: 'ERROR',
    bootBanner: ['RDY', '+CFUN: 1', '+CPIN: READY', 'Call Ready', 'SMS Ready'],
    noiseLines: [],
    memoryFullUrc: null,
    cpinWithoutOk: false,
    emptyStatField: false,
  },
  quectel: {
    name: 'quectel',
    manufacturer: 'Quectel',
    model: 'EC25',
    revision: 'EC25EFAR06A06M4G',
    iccidCommands: ['+QCCID', '+CCID'],
    iccidReply: plainCcid,
    firstIndex: 0,
    emptySlotRead: 'ok',
    cnmiTest: '+CNMI: (0-2),(0-3),(0,2),(0-2),(0,1)',
    cpmsTest: '+CPMS: ("SM","ME","MT"),("SM","ME","MT"),("SM","ME","MT")',
    memories: ['SM', 'ME', 'MT'],
    defaultCnmi: [2, 1, 0, 0, 0],
    unknownCommandReply: 'ERROR',
    bootBanner: ['RDY', '+CFUN: 1', '+CPIN: READY', '+QUSIM: 1', '+QIND: SMS DONE'],
    noiseLines: [],
    memoryFullUrc: null,
    cpinWithoutOk: false,
    emptyStatField: false,
  },
  huawei: {
    name: 'huawei',
    manufacturer: 'huawei',
    model: 'E3372',
    revision: '22.328.62.00.00',
    iccidCommands: ['^ICCID'],
    iccidReply: plainCcid,
    firstIndex: 0,
    emptySlotRead: 'cms321',
    cnmiTest: '+CNMI: (0,1,2),(0,1,2,3),(0,2),(0,1,2),(0,1)',
    cpmsTest: '+CPMS: ("SM","ME"),("SM","ME"),("SM","ME")',
    memories: ['SM', 'ME'],
    defaultCnmi: [0, 0, 0, 0, 0],
    unknownCommandReply: 'COMMAND NOT SUPPORT',
    bootBanner: ['^BOOT:20876296,0,0,0,75', '^SYSSTART'],
    noiseLines: ['^RSSI:18', '^BOOT:20876296,0,0,0,75', '^MODE:5,4', '^RSSI:17'],
    memoryFullUrc: '^SMMEMFULL: "SM"',
    cpinWithoutOk: false,
    emptyStatField: false,
  },
  wavecom: {
    name: 'wavecom',
    manufacturer: 'WAVECOM MODEM',
    model: 'MULTIBAND  900E  1800',
    revision: '641b09gg.Q2403A 1320676 061804 14:38',
    iccidCommands: ['+CCID'],
    iccidReply: (iccid) => `+CCID: "${iccid}"`,
    firstIndex: 1,
    emptySlotRead: 'cms321',
    cnmiTest: '+CNMI: (0,1,2,3),(0,1,2,3),(0,2),(0,1,2),(0,1)',
    cpmsTest: '+CPMS: (("SM","BM","SR"),("SM"))',
    memories: ['SM'],
    defaultCnmi: [0, 0, 0, 0, 0],
    unknownCommandReply: 'ERROR',
    bootBanner: ['+WIND: 3', '+WIND: 4'],
    noiseLines: [],
    memoryFullUrc: null,
    cpinWithoutOk: true,
    emptyStatField: false,
  },
  zte: {
    name: 'zte',
    manufacturer: 'ZTE CORPORATION',
    model: 'MF626',
    revision: 'BD_P673A2V1.0.0B07',
    iccidCommands: ['+ZGETICCID', '+CCID'],
    iccidReply: plainCcid,
    firstIndex: 0,
    emptySlotRead: 'cms321',
    cnmiTest: '+CNMI: (0-3),(0-3),(0-3),(0-2),(0,1)',
    cpmsTest: '+CPMS: ("ME","MT","SM","SR"),("ME","MT","SM","SR"),("ME","MT","SM","SR")',
    memories: ['SM', 'ME', 'MT', 'SR'],
    defaultCnmi: [0, 0, 0, 0, 0],
    unknownCommandReply: 'ERROR',
    bootBanner: ['+ZUSIMR:2', '+ZPASR: "UMTS"'],
    noiseLines: ['+ZPASR: "UMTS"', '+ZUSIMR:2'],
    memoryFullUrc: null,
    cpinWithoutOk: false,
    emptyStatField: true,
  },
};

export function resolvePersonality(p: PersonalityName | ModemPersonality | undefined): ModemPersonality {
  if (p === undefined) {
    return PERSONALITIES.generic;
  }
  if (typeof p === 'string') {
    const found = PERSONALITIES[p];
    if (!found) {
      throw new RangeError(`unknown personality ${p}; known: ${PERSONALITY_NAMES.join(', ')}`);
    }
    return found;
  }
  return p;
}
