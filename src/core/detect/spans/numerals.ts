// Characters that stand for digits: Chinese numerals, and the letters typed for 0 and 1.

/** Per code unit: the digit it stands for + 1 (0 when none). ASCII digits are 49–58 here too. */
export const NUMERAL = new Uint8Array(0x10000);
/** The ASCII letters read as a digit, only beside a digit and not inside a word. */
export const LOOKALIKE = new Uint8Array(128);

(() => {
  const set = (characters: string, from: number) => {
    for (let i = 0; i < characters.length; i++) NUMERAL[characters.charCodeAt(i)] = from + i + 1;
  };
  set('〇一二三四五六七八九', 0);
  set('零壹贰叁肆伍陆柒捌玖', 0);
  NUMERAL['幺'.charCodeAt(0)] = 2; // 幺 is how a phone number's 1 is read out
  for (let d = 0; d < 10; d++) NUMERAL[48 + d] = d + 1;
  LOOKALIKE[79] = 1; // O
  LOOKALIKE[111] = 1; // o
  LOOKALIKE[108] = 2; // l
  LOOKALIKE[73] = 2; // I
})();
