// Unified social credit code (统一社会信用代码) validation per GB 32100-2015: pure, no I/O.
//
// Layout of the 18 characters:
//   [0]    registration authority code     [1]    organization category code
//   [2..7] administrative division (digits) [8..16] organization code (GB 11714)
//   [17]   check character over [0..16]
// The code alphabet is the digits and the capitals A–Y without I, O, S, V, Z (31 characters),
// each character's value being its index in that alphabet.

/** The 31-character code alphabet of GB 32100, in value order. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const USCC_LENGTH = 18;
const MODULUS = 31;

/** Weights W_i = 3^(i-1) mod 31 for positions 1..17 (GB 32100-2015, §5.2). */
export const USCC_WEIGHTS: readonly number[] = Object.freeze(
  Array.from({ length: USCC_LENGTH - 1 }, (_, index) => {
    let weight = 1;
    for (let step = 0; step < index; step++) weight = (weight * 3) % MODULUS;
    return weight;
  }),
);

/**
 * The check character for the first 17 characters of a code:
 * C18 = 31 − (Σ C_i · W_i mod 31), where a result of 31 is written as 0.
 * Returns undefined when `first17` is not 17 characters of the code alphabet.
 */
export function computeUsccCheckCharacter(first17: string): string | undefined {
  if (first17.length !== USCC_LENGTH - 1) return undefined;
  let sum = 0;
  for (let position = 0; position < USCC_LENGTH - 1; position++) {
    const value = USCC_ALPHABET.indexOf(first17[position]);
    if (value < 0) return undefined;
    sum += value * USCC_WEIGHTS[position];
  }
  return USCC_ALPHABET[(MODULUS - (sum % MODULUS)) % MODULUS];
}

/** Value of each ASCII character in the code alphabet, −1 outside it. */
const VALUE_OF_CHARACTER: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let value = 0; value < USCC_ALPHABET.length; value++)
    table[USCC_ALPHABET.charCodeAt(value)] = value;
  return table;
})();

/**
 * True when `code` is a well-formed unified social credit code: exactly 18 characters of the
 * code alphabet (upper case, no separators), positions 3–8 digits (administrative division),
 * and a correct check character.
 */
export function isValidUscc(code: string): boolean {
  return checkUscc(code, false);
}

/** As isValidUscc, reading lower-case letters as their capitals (how codes are typed into forms). */
export function isValidUsccIgnoringCase(code: string): boolean {
  return checkUscc(code, true);
}

/** One pass over the characters through a lookup table, no string built: detection scans call it. */
function checkUscc(code: string, ignoreCase: boolean): boolean {
  if (code.length !== USCC_LENGTH) return false;
  let sum = 0;
  for (let position = 0; position < USCC_LENGTH - 1; position++) {
    const value = valueAt(code, position, ignoreCase);
    if (value < 0 || (position >= 2 && position < 8 && value > 9)) return false;
    sum += value * USCC_WEIGHTS[position];
  }
  return valueAt(code, USCC_LENGTH - 1, ignoreCase) === (MODULUS - (sum % MODULUS)) % MODULUS;
}

function valueAt(code: string, position: number, ignoreCase: boolean): number {
  let c = code.charCodeAt(position);
  if (ignoreCase && c >= 97 && c <= 122) c -= 32;
  return c < 128 ? VALUE_OF_CHARACTER[c] : -1;
}
