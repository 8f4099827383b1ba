/** National digits of a Korean number: '+821012345678' / '821012345678' / '010-1234-5678' -> '01012345678'. */
export function toNationalDigits(raw: string): string | null {
  let digits = raw.replace(/[^\d+]/g, '');
  if (digits.startsWith('+82')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('82') && digits.length >= 11) digits = `0${digits.slice(2)}`;
  digits = digits.replace(/\D/g, '');
  return /^0\d{8,10}$/.test(digits) ? digits : null;
}

/** '01012345678' -> '010-1234-5678' (mobile); other national numbers keep their digits. */
export function formatPhoneNumber(nationalDigits: string | null): string | null {
  if (!nationalDigits) return null;
  const mobile = /^(01\d)(\d{3,4})(\d{4})$/.exec(nationalDigits);
  return mobile ? `${mobile[1]}-${mobile[2]}-${mobile[3]}` : nationalDigits;
}
