import { kstParts } from 'src/common/clock';

const NAMES = ['홍길동', '김영희', '이철수', '박민수', '최지우', '정하늘', '강다온', '(주)한빛상사'];
const pad = (n: number) => String(n).padStart(2, '0');
const won = (n: number) => n.toLocaleString('en-US');

/** A KB국민 deposit alert in the bank's real layout (BANK-SMS.md §3.1), for the account ending in `hint`. */
export function kbDepositText(
  hint: string,
  balanceBefore: number,
  now = new Date(),
): { text: string; amount: number; balance: number; name: string } {
  const p = kstParts(now);
  const amount = (1 + Math.floor(Math.random() * 200)) * 500;
  const name = NAMES[Math.floor(Math.random() * NAMES.length)];
  const balance = balanceBefore + amount;
  const text = `[Web발신]\n[KB]${pad(p.month)}/${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}\n${hint}\n${name}\n입금\n${won(amount)}\n잔액${won(balance)}`;
  return { text, amount, balance, name };
}

/** How KB masks an account number in its SMS: 6 leading digits, `**`, 3 trailing. */
export function kbAccountHint(accountNumber: string): string {
  return `${accountNumber.slice(0, 6)}**${accountNumber.slice(-3)}`;
}
