import { describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, newJoinCode, normaliseJoinCode } from './join-code.ts';

describe('join codes (E4)', () => {
  it('are 6 characters none of which can be mistaken for another', () => {
    expect(JOIN_CODE_LENGTH).toBe(6);
    for (const confusable of ['0', 'O', '1', 'I', 'L']) expect(JOIN_CODE_ALPHABET).not.toContain(confusable);
    for (let i = 0; i < 200; i++) {
      expect(newJoinCode(() => false)).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{6}$`));
    }
  });

  it('never hands out a code that is taken', () => {
    const taken = new Set<string>();
    let calls = 0;
    // The first two draws are reported taken: the third is returned.
    const code = newJoinCode((c) => {
      calls++;
      if (calls <= 2) {
        taken.add(c);
        return true;
      }
      return taken.has(c);
    });
    expect(calls).toBe(3);
    expect(taken.has(code)).toBe(false);
  });

  it('reads a code as people type it', () => {
    expect(normaliseJoinCode('abc-234')).toBe('ABC234');
    expect(normaliseJoinCode(' xyz 789 ')).toBe('XYZ789');
  });
});
