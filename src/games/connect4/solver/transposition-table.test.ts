import { describe, expect, it } from 'vitest';
import {
  createTranspositionTable,
  MAX_TABLE_BITS,
  MIN_TABLE_BITS,
  nextPrime,
  slotOf,
} from './transposition-table.ts';

describe('slotOf', () => {
  it('is key mod size for every table size, keys at the extremes and at random', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return Math.floor((seed / 2 ** 32) * n);
    };
    for (let bits = MIN_TABLE_BITS; bits <= MAX_TABLE_BITS; bits++) {
      const size = nextPrime(2 ** bits);
      const excess = size - 2 ** bits;
      const keys: [number, number][] = [
        [0, 0],
        [2 ** 28 - 1, 2 ** 21 - 1],
        [size - 1, 0],
        [size, 0],
        [0, 1],
      ];
      for (let i = 0; i < 20_000; i++) keys.push([random(2 ** 28), random(2 ** 21)]);
      for (const [keyLo, keyHi] of keys) {
        const expected = Number(((BigInt(keyHi) << 28n) + BigInt(keyLo)) % BigInt(size));
        expect(slotOf(keyLo, keyHi, bits, excess)).toBe(expected);
      }
    }
  });
});

describe('createTranspositionTable', () => {
  it('makes an empty table of the first prime ≥ 2^bits slots, and a float64 view of whole lines', () => {
    const table = createTranspositionTable(24);
    expect(table.size).toBe(16_777_259);
    expect(table.excess).toBe(43);
    expect(table.slots.length).toBe(table.size);
    expect(table.pairs.buffer).toBe(table.slots.buffer);
    expect(table.pairs.length * 2).toBeGreaterThanOrEqual(table.size);
    expect(table.pairs.length % 8).toBe(0);
    expect(table.slots[table.size - 1]).toBe(0);
  });

  it('refuses sizes outside 24–27 bits', () => {
    expect(() => createTranspositionTable(23)).toThrow(RangeError);
    expect(() => createTranspositionTable(28)).toThrow(RangeError);
  });
});
