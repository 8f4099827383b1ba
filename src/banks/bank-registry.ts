import { BANK_CODE } from 'src/banks/banks.constants';
import { normaliseSender } from 'src/banks/sms-normalise';

export interface BankInfo {
  code: string;
  name: string;
  shortName: string;
  /** Normalised digits; numbers a real SMS was observed from come first, then 대표번호 (BANK-SMS.md §1). */
  senders: string[];
  /** Korean, short: how a merchant subscribes 입출금 SMS 통지 for this bank to a notification number. */
  smsSignupGuide: string;
  /** A real 입출금 SMS of this bank has been seen (BANK-SMS.md §1 "Layout evidence"). */
  smsKnownToReachModem: boolean;
}

const CODE_NOTE = '등록 중 이 번호로 오는 인증번호는 인증번호수신내역에서 확인할 수 있습니다.';

/** Signup wording is a template: the exact menu names per bank are UNVERIFIED (BANK-SMS.md §8.4). */
function guide(channel: string, extra = ''): string {
  return `${channel}에서 '입출금내역 SMS 통지'를 신청하고 받는 번호에 입금통지번호를 등록하세요.${extra ? ` ${extra}` : ''} ${CODE_NOTE}`;
}

const NO_SMS_EVIDENCE = '이 은행의 SMS 입출금 통지 문자는 아직 확인되지 않아 인식 정확도가 낮을 수 있습니다.';

export const BANKS: readonly BankInfo[] = Object.freeze(
  [
    {
      code: BANK_CODE.KDB,
      name: '산업은행',
      shortName: '산업',
      senders: ['15881500', '16881500', '16681500'],
      smsSignupGuide: guide('KDB산업은행 인터넷·모바일뱅킹 또는 영업점', NO_SMS_EVIDENCE),
      smsKnownToReachModem: false,
    },
    {
      code: BANK_CODE.IBK,
      name: '기업은행',
      shortName: '기업',
      senders: ['15662566', '15882588'],
      smsSignupGuide: guide('IBK기업은행 i-ONE Bank 또는 영업점'),
      smsKnownToReachModem: true,
    },
    {
      code: BANK_CODE.KB,
      name: '국민은행',
      shortName: '국민',
      senders: ['16449999', '15889999', '15999999'],
      smsSignupGuide: guide('KB스타뱅킹 또는 영업점'),
      smsKnownToReachModem: true,
    },
    {
      code: BANK_CODE.SUHYUP,
      name: '수협은행',
      shortName: '수협',
      senders: ['15881515', '16441515'],
      smsSignupGuide: guide('수협은행 모바일뱅킹 또는 영업점'),
      smsKnownToReachModem: true,
    },
    {
      code: BANK_CODE.NH,
      name: '농협은행',
      shortName: '농협',
      senders: ['15882100', '16613000', '15223000'],
      smsSignupGuide: guide('NH스마트뱅킹 또는 영업점'),
      smsKnownToReachModem: true,
    },
    {
      code: BANK_CODE.NH_LOCAL,
      name: '지역농축협',
      shortName: '농축협',
      // Same "농협" SMS as 011; the sender is presumed, not observed (BANK-SMS.md §1, §3.6).
      senders: ['15882100', '16613000', '15223000'],
      smsSignupGuide: guide('NH스마트뱅킹 또는 가입한 지역농·축협 영업점'),
      smsKnownToReachModem: true,
    },
    {
      code: BANK_CODE.WOORI,
      name: '우리은행',
      shortName: '우리',
      senders: ['15885000', '15995000'],
      smsSignupGuide: guide('우리WON뱅킹 또는 영업점'),
      smsKnownToReachModem: true,
    },
    {
      code: BANK_CODE.SC,
      name: 'SC제일은행',
      shortName: 'SC제일',
      senders: ['15881599'],
      smsSignupGuide: guide('SC제일은행 모바일뱅킹 또는 영업점', NO_SMS_EVIDENCE),
      smsKnownToReachModem: false,
    },
    {
      code: BANK_CODE.CITI,
      name: '한국씨티은행',
      shortName: '씨티',
      senders: ['15887000'],
      smsSignupGuide: guide('한국씨티은행 모바일뱅킹 또는 영업점', NO_SMS_EVIDENCE),
      smsKnownToReachModem: false,
    },
    {
      code: BANK_CODE.IM,
      name: 'iM뱅크',
      shortName: 'iM',
      senders: ['15665050', '15885050'],
      smsSignupGuide: guide('iM뱅크 앱 또는 영업점', NO_SMS_EVIDENCE),
      smsKnownToReachModem: false,
    },
    {
      code: BANK_CODE.BUSAN,
      name: '부산은행',
      shortName: '부산',
      senders: ['15886200', '15446200'],
      smsSignupGuide: guide('BNK부산은행 모바일뱅킹 또는 영업점', NO_SMS_EVIDENCE),
      smsKnownToReachModem: false,
    },
    {
      code: BANK_CODE.GWANGJU,
      name: '광주은행',
      shortName: '광주',
      senders: ['15883388', '16004000'],
      smsSignupGuide: guide('광주은행 모바일뱅킹 또는 영업점', NO_SMS_EVIDENCE),
      smsKnownToReachModem: false,
    },
    {
      code: BANK_CODE.JEJU,
      name: '제주은행',
      shortName: '제주',
      senders: ['15880079'],
      smsSignupGuide: guide('제주은행 모바일뱅킹 또는 영업점', NO_SMS_EVIDENCE),
      smsKnownToReachModem: false,
    },
    {
      code: BANK_CODE.JEONBUK,
      name: '전북은행',
      shortName: '전북',
      senders: ['15884477'],
      smsSignupGuide: guide('JB전북은행 모바일뱅킹 또는 영업점', NO_SMS_EVIDENCE),
      smsKnownToReachModem: false,
    },
    {
      code: BANK_CODE.KYONGNAM,
      name: '경남은행',
      shortName: '경남',
      senders: ['16008585', '15888585'],
      smsSignupGuide: guide('BNK경남은행 모바일뱅킹 또는 영업점', NO_SMS_EVIDENCE),
      smsKnownToReachModem: false,
    },
    {
      code: BANK_CODE.MG,
      name: '새마을금고',
      shortName: '새마을',
      senders: ['15999000', '15888801'],
      smsSignupGuide: guide('MG더뱅킹 또는 거래 새마을금고'),
      smsKnownToReachModem: true,
    },
    {
      code: BANK_CODE.CU,
      name: '신협',
      shortName: '신협',
      senders: ['15666000'],
      smsSignupGuide: guide('신협 온뱅크 또는 거래 신협'),
      smsKnownToReachModem: true,
    },
    {
      code: BANK_CODE.EPOST,
      name: '우체국',
      shortName: '우체국',
      senders: ['15881900'],
      smsSignupGuide: guide('우체국뱅킹 또는 우체국 창구'),
      smsKnownToReachModem: true,
    },
    {
      code: BANK_CODE.HANA,
      name: '하나은행',
      shortName: '하나',
      senders: ['15991111', '15881111'],
      smsSignupGuide: guide('하나원큐 또는 영업점'),
      smsKnownToReachModem: true,
    },
    {
      code: BANK_CODE.SHINHAN,
      name: '신한은행',
      shortName: '신한',
      senders: ['15778000', '15998000', '15448000', '16448116'],
      smsSignupGuide: guide('신한 SOL뱅크 또는 영업점'),
      smsKnownToReachModem: true,
    },
    {
      code: BANK_CODE.KBANK,
      name: '케이뱅크',
      shortName: '케이',
      senders: ['15221000'],
      smsSignupGuide: guide('케이뱅크 앱'),
      smsKnownToReachModem: true,
    },
    {
      code: BANK_CODE.KAKAO,
      name: '카카오뱅크',
      shortName: '카카오',
      senders: ['15993333'],
      smsSignupGuide: guide('카카오뱅크 앱'),
      smsKnownToReachModem: true,
    },
    {
      code: BANK_CODE.TOSS,
      name: '토스뱅크',
      shortName: '토스',
      senders: ['16617654'],
      smsSignupGuide:
        '토스뱅크는 입출금 알림을 앱 푸시와 카카오톡 알림톡으로만 보내는 것으로 보이며, SMS 입출금 통지는 확인되지 않았습니다. 모뎀으로는 받을 수 없을 가능성이 큽니다.',
      smsKnownToReachModem: false,
    },
  ].map((bank) => Object.freeze({ ...bank, senders: Object.freeze([...bank.senders]) as string[] })),
);

const BY_CODE = new Map(BANKS.map((b) => [b.code, b]));
const BY_SENDER = new Map<string, BankInfo[]>();
for (const bank of BANKS) {
  for (const sender of bank.senders) {
    const list = BY_SENDER.get(sender) ?? [];
    list.push(bank);
    BY_SENDER.set(sender, list);
  }
}

export function findBank(code: string): BankInfo | undefined {
  return BY_CODE.get(code);
}

/**
 * Banks whose official numbers include this sender. Several banks can share one number
 * (농협은행 011 and 지역농·축협 012 both use 1588-2100). Accepts `+82…` and hyphenated forms too.
 */
export function banksForSender(normalisedSender: string): BankInfo[] {
  const hit = BY_SENDER.get(normalisedSender) ?? BY_SENDER.get(normaliseSender(normalisedSender));
  return hit ? [...hit] : [];
}

/** Whether `sender` is one of the official numbers of bank `code`. */
export function isOfficialSender(code: string, sender: string): boolean {
  return banksForSender(sender).some((b) => b.code === code);
}

/**
 * Bank codes whose SMS are textually indistinguishable: a "농협" SMS may belong to an account of
 * 011 or 012 (BANK-SMS.md §3.6). Attribution should try every code of the group.
 */
export function smsBankGroup(code: string): string[] {
  if (code === BANK_CODE.NH || code === BANK_CODE.NH_LOCAL) return [BANK_CODE.NH, BANK_CODE.NH_LOCAL];
  return [code];
}
