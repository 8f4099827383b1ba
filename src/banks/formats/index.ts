import type { BankSmsFormat } from 'src/banks/bank-sms-format';
import { CU_FORMATS } from 'src/banks/formats/cu.format';
import { EPOST_FORMATS } from 'src/banks/formats/epost.format';
import { HANA_FORMATS } from 'src/banks/formats/hana.format';
import { IBK_FORMATS } from 'src/banks/formats/ibk.format';
import { IM_FORMATS } from 'src/banks/formats/im.format';
import { KAKAO_FORMATS } from 'src/banks/formats/kakao.format';
import { KB_FORMATS } from 'src/banks/formats/kb.format';
import { KBANK_FORMATS } from 'src/banks/formats/kbank.format';
import { MG_FORMATS } from 'src/banks/formats/mg.format';
import { NH_FORMATS } from 'src/banks/formats/nh.format';
import { SHINHAN_FORMATS } from 'src/banks/formats/shinhan.format';
import { SUHYUP_FORMATS } from 'src/banks/formats/suhyup.format';
import { WOORI_FORMATS } from 'src/banks/formats/woori.format';

/**
 * Every known layout. Headers are checked first; each entry's regex is anchored on the whole
 * text, so the order matters only where two entries of one bank share a header (KB: the regular
 * layout, then the short reversal layout).
 */
export const BANK_SMS_FORMATS: readonly BankSmsFormat[] = [
  ...KB_FORMATS,
  ...SHINHAN_FORMATS,
  ...WOORI_FORMATS,
  ...HANA_FORMATS,
  ...IBK_FORMATS,
  ...NH_FORMATS,
  ...SUHYUP_FORMATS,
  ...EPOST_FORMATS,
  ...MG_FORMATS,
  ...CU_FORMATS,
  ...KBANK_FORMATS,
  ...KAKAO_FORMATS,
  ...IM_FORMATS,
];
