/**
 * Regex building blocks shared by the formats. Group names are the contract with the parser:
 * year, month, day, hour, minute, account, holder, name, dir, amount, balance.
 */

const MONTH = String.raw`(?<month>0?[1-9]|1[0-2])`;
const DAY = String.raw`(?<day>0?[1-9]|[12]\d|3[01])`;
export const TIME = String.raw`(?<hour>[01]?\d|2[0-3]):(?<minute>[0-5]\d)`;

/** `MM/DD HH:mm`, tolerating `MM/DD,HH:mm`, `MM/DD, HH:mm` and a missing space. */
export const MMDD_TIME = String.raw`${MONTH}/${DAY}[ ,]*${TIME}`;
/** `YYYY/MM/DD HH:mm` or date and time on separate lines (IBK sample 3). */
export const YMD_TIME = String.raw`(?<year>20\d\d)/${MONTH}/${DAY}\s*${TIME}`;
export const YMD = String.raw`(?<year>(?:19|20)\d\d)/${MONTH}/${DAY}`;

/** Amount: `1,234,567` or `1234567`; never the head of a longer digit run. */
export const AMOUNT = String.raw`(?<amount>(?:\d{1,3}(?:,\d{3})+|\d+)(?![\d,]\d)(?!\d))`;
/** Amount that may be directly followed by digits (2010 one-line layouts); needs grouping commas. */
export const AMOUNT_GROUPED = String.raw`(?<amount>\d{1,3}(?:,\d{3})*)`;
const BALANCE_NUMBER = String.raw`-?(?:\d{1,3}(?:,\d{3})+|\d+)(?![\d,]\d)(?!\d)`;
/** `잔액 1,234원`, `잔액1,234`, `잔액-55,279,562원`, masked `잔액 ****원`. */
export const BALANCE = String.raw`잔액\s*(?<balance>${BALANCE_NUMBER}|\*+)\s*원?`;
export const BALANCE_WON = String.raw`잔액\s*(?<balance>${BALANCE_NUMBER}|\*+)\s*원`;
export const BALANCE_GROUPED = String.raw`잔액\s*(?<balance>-?\d{1,3}(?:,\d{3})*)`;

/** Free text on one line (lazy: it ends where the next field can start). */
export const NAME_LAZY = String.raw`(?<name>[^\n]+?)`;
/** Free text up to the end of its line, for a name that is the last field. */
export const NAME_LAST = String.raw`(?<name>[^\n]+)`;

export const DEPOSIT_OR_WITHDRAWAL = String.raw`(?<dir>입금|출금|지급)`;

export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
