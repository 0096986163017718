import { randomInt } from 'node:crypto';

/** Letters and digits nobody confuses when reading a code aloud or off a screen: no 0/O, 1/I/L. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Characters in a join code: 31^6 ≈ 887 million codes. */
export const JOIN_CODE_LENGTH = 6;

/** A fresh random join code that `taken` does not know. */
export const newJoinCode = (taken: (code: string) => boolean): string => {
  for (;;) {
    let code = '';
    for (let i = 0; i < JOIN_CODE_LENGTH; i++)
      code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
    if (!taken(code)) return code;
  }
};

/** A code as typed (any case, spaces or dashes) in the form codes are issued in. */
export const normaliseJoinCode = (typed: string): string => typed.replace(/[\s-]/g, '').toUpperCase();
