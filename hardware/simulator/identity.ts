/** Deterministic, distinct identities for simulated modems and SIMs (valid Luhn IMEI/ICCID, Korean IMSI/MSISDN). */
import type { ModemIdentity } from 'hardware/simulator/modem-behaviour';

export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // double every second digit from the right of the payload (the check digit will be rightmost)
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) {
        d -= 9;
      }
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isLuhnValid(number: string): boolean {
  return /^\d+$/.test(number) && luhnCheckDigit(number.slice(0, -1)) === Number(number.slice(-1));
}

/** FNV-1a, 32 bit: a stable seed from a prefix so two simulators with different prefixes differ. */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Identity of modem `index` of a simulator with `prefix`. The per-index part is added to a seed
 * modulo a large power of ten, so identities of one simulator never collide.
 */
export function makeIdentity(prefix: string, index: number, phoneNumber?: string | null): ModemIdentity {
  const seed = seedOf(prefix);
  const serial6 = String((seed % 900_000) + index)
    .padStart(6, '0')
    .slice(-6);
  const imeiBody = `35${String(seed % 1_000_000).padStart(6, '0')}${serial6}`; // TAC(8) + serial(6)
  const serial11 = String((seed % 90_000_000_000) + index)
    .padStart(11, '0')
    .slice(-11);
  const iccidBody = `898205${String(seed % 100).padStart(2, '0')}${serial11}`; // 19 digits
  const imsi = `45005${String((seed % 9_000_000_000) + index)
    .padStart(10, '0')
    .slice(-10)}`;
  const subscriber = (seed % 80_000_000) + 10_000_000 + index * 1_111; // 8 digits, distinct per index
  const generated = `+8210${String(subscriber % 100_000_000).padStart(8, '0')}`;
  return {
    imei: imeiBody + luhnCheckDigit(imeiBody),
    iccid: iccidBody + luhnCheckDigit(iccidBody),
    imsi,
    phoneNumber: phoneNumber === undefined ? generated : phoneNumber,
  };
}
