import { describe, expect, it } from 'vitest';
import { Emitter } from './emitter.ts';

describe('Emitter', () => {
  it('runs every listener even when one throws, then rethrows the first error', () => {
    const emitter = new Emitter<number>();
    const seen: number[] = [];
    emitter.add(() => {
      throw new Error('first');
    });
    emitter.add((n) => seen.push(n));
    emitter.add(() => {
      throw new Error('second');
    });
    expect(() => emitter.emit(7)).toThrow('first');
    expect(seen).toEqual([7]);
  });

  it('lets the same function subscribe twice and unsubscribe each separately', () => {
    const emitter = new Emitter<string>();
    const seen: string[] = [];
    const listener = (s: string) => seen.push(s);
    const stopFirst = emitter.add(listener);
    emitter.add(listener);
    emitter.emit('a');
    stopFirst();
    stopFirst();
    emitter.emit('b');
    expect(seen).toEqual(['a', 'a', 'b']);
  });

  it('tell() does not throw to its caller: the error is rethrown later, uncaught', async () => {
    const emitter = new Emitter<number>();
    const seen: number[] = [];
    emitter.add(() => {
      throw new Error('bug');
    });
    emitter.add((n) => seen.push(n));
    const uncaught: unknown[] = [];
    const original = globalThis.queueMicrotask;
    globalThis.queueMicrotask = (callback) =>
      original(() => {
        try {
          callback();
        } catch (error) {
          uncaught.push(error);
        }
      });
    try {
      expect(() => emitter.tell(3)).not.toThrow();
      expect(seen).toEqual([3]);
      await Promise.resolve();
      expect(uncaught).toEqual([new Error('bug')]);
    } finally {
      globalThis.queueMicrotask = original;
    }
  });
});
