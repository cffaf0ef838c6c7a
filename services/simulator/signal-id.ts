import type { Rng } from './prng.ts';

const HEX = '0123456789abcdef';

/**
 * A version-4 UUID that no privacy guard can mistake for personal data. A plain random UUID now and
 * then holds a run of digits that passes the BSN 11-proef or looks like a phone number or a postcode
 * with house number ("1234ab"); a valid demo signal must never be rejected for that. So no four digits
 * ever follow each other (dashes ignored): a fourth digit is turned into a letter. Still 100+ random bits.
 */
export function signalId(rng: Rng): string {
  let out = '';
  let run = 0;
  let bits = 0;
  let left = 0;
  for (let pos = 0; pos < 32; pos++) {
    if (pos === 8 || pos === 12 || pos === 16 || pos === 20) out += '-';
    if (left === 0) {
      bits = Math.floor(rng.next() * 4294967296);
      left = 8;
    }
    let nibble = bits & 0xf;
    bits >>>= 4;
    left--;
    if (pos === 12)
      nibble = 4; // version 4
    else if (pos === 16) nibble = 0xa | (nibble & 1); // RFC 9562 variant, always a letter
    // Position 11 precedes the fixed version digit, so it allows one digit less.
    const limit = pos === 11 ? 2 : 3;
    if (nibble < 10 && run >= limit && pos !== 12) nibble = 10 + (nibble % 6);
    run = nibble < 10 ? run + 1 : 0;
    out += HEX[nibble];
  }
  return out;
}
