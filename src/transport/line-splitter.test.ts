import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter.ts';

const split = (chunks: Buffer[], max = 100): { lines: string[]; ok: boolean } => {
  const splitter = new LineSplitter(max);
  const lines: string[] = [];
  let ok = true;
  for (const chunk of chunks) if (ok) ok = splitter.push(chunk, (l) => lines.push(l));
  return { lines, ok };
};

describe('LineSplitter', () => {
  it('splits on \\n and \\r\\n, across chunk boundaries, keeping multi-byte characters whole', () => {
    const bytes = Buffer.from('héllo\r\nwörld\n\nlast\n', 'utf8');
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    expect(split(chunks)).toEqual({ lines: ['héllo', 'wörld', '', 'last'], ok: true });
  });

  it('accepts a line of exactly the limit and refuses one byte more, with or without a newline', () => {
    expect(split([Buffer.from(`${'a'.repeat(10)}\n`)], 10)).toEqual({ lines: ['a'.repeat(10)], ok: true });
    expect(split([Buffer.from(`${'a'.repeat(10)}\r\n`)], 10)).toEqual({ lines: ['a'.repeat(10)], ok: true });
    expect(split([Buffer.from(`${'a'.repeat(11)}\n`)], 10).ok).toBe(false);
    expect(split([Buffer.from('a'.repeat(6)), Buffer.from('a'.repeat(6))], 10).ok).toBe(false);
  });

  it('gives the same lines however the stream is cut (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 20 }).filter((s) => !s.includes('\n'))),
        fc.array(fc.nat(50)),
        (lines, cuts) => {
          const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
          const positions = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks: Buffer[] = [];
          let start = 0;
          for (const p of [...positions, bytes.length]) {
            chunks.push(bytes.subarray(start, p));
            start = p;
          }
          const expected = lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
          expect(split(chunks, 1000)).toEqual({ lines: expected, ok: true });
        },
      ),
    );
  });
});
