/**
 * The BSN 11-proef: for digits d1…d9, 9·d1 + 8·d2 + … + 2·d8 − 1·d9 must be a multiple of 11
 * (the −1 on the last digit is what sets it apart from the old bank-account proef).
 * Old 8-digit numbers are BSNs with a leading zero, so they are padded before the check.
 */
export function passesBsnElevenTest(digits: string): boolean {
  const padded = digits.length === 8 ? `0${digits}` : digits;
  if (padded.length !== 9) return false;
  let sum = 0;
  let allZero = true;
  for (let i = 0; i < 9; i++) {
    const d = padded.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (d !== 0) allZero = false;
    sum += i === 8 ? -d : d * (9 - i);
  }
  return !allZero && sum % 11 === 0;
}
