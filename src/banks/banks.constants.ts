/** 금융결제원 3-digit bank codes of every bank the gateway knows (BANK-SMS.md §1). */
export const BANK_CODE = {
  KDB: '002',
  IBK: '003',
  KB: '004',
  SUHYUP: '007',
  NH: '011',
  NH_LOCAL: '012',
  WOORI: '020',
  SC: '023',
  CITI: '027',
  IM: '031',
  BUSAN: '032',
  GWANGJU: '034',
  JEJU: '035',
  JEONBUK: '037',
  KYONGNAM: '039',
  MG: '045',
  CU: '048',
  EPOST: '071',
  HANA: '081',
  SHINHAN: '088',
  KBANK: '089',
  KAKAO: '090',
  TOSS: '092',
} as const;

export type BankCode = (typeof BANK_CODE)[keyof typeof BANK_CODE];

/**
 * Carrier / forwarding prefixes removed before any format is tried (BANK-SMS.md §0.2, tenqube
 * `SmsUtils.replaceWebStr`). Matched at the start (and `[Web발신]` also at the end, its pre-2014
 * position), repeated, glued to the next token or followed by spaces/newlines.
 */
export const CARRIER_PREFIX_SOURCE = String.raw`\[\s*web\s*발신\s*\]|\[FW\]|FW>|\[재전송\]|\(재전송\)`;

/** International-sender markers: real banks never send with these (BANK-SMS.md §4, §5). */
export const SMISHING_PREFIX_SOURCE = String.raw`\[(?:국외|국제|해외)\s*발신\]`;
