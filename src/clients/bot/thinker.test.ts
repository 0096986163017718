import { afterAll, describe, expect, it } from 'vitest';
import { SolverThread } from '../../analysis/index.ts';
import { quickColumn, threadThinker } from './thinker.ts';

// The bot's thinker on a real solver thread (no opening book).

describe('threadThinker', () => {
  const threads: SolverThread[] = [];
  const thinker = (level: 'easy' | 'medium' | 'perfect') => {
    const thread = new SolverThread({ bookPath: undefined }, 1);
    threads.push(thread);
    return threadThinker(thread, level);
  };
  afterAll(() => Promise.all(threads.map((t) => t.close())));

  it('plays the winning column when there is one, numbered 1 to 7', async () => {
    // First player has three in column 4 and wins with a fourth.
    expect(await thinker('perfect').think({ moves: '414141', stopAt: undefined })).toMatchObject({
      column: 4,
      exact: true,
      mistake: false,
    });
  });

  it('blocks a threat at every level that never blunders', async () => {
    // The second player must stop column 1, whatever its level's dice say.
    for (let i = 0; i < 5; i++)
      expect((await thinker('medium').think({ moves: '14151', stopAt: undefined })).column).toBe(1);
  });

  it('gives up searching at the deadline and plays the heuristic move', async () => {
    // Far from any book, the perfect level would search for seconds: the deadline is now.
    const thought = await thinker('perfect').think({ moves: '4444', stopAt: Date.now() });
    expect(thought.exact).toBe(false);
    expect(thought.column).toBeGreaterThanOrEqual(1);
    expect(thought.column).toBeLessThanOrEqual(7);
  });

  it('refuses a position that is not playable', async () => {
    const easy = thinker('easy');
    await expect(easy.think({ moves: '1111111', stopAt: undefined })).rejects.toThrow('full column');
    await expect(easy.think({ moves: '4141414', stopAt: undefined })).rejects.toThrow();
  });
});

describe('quickColumn', () => {
  it('blocks an immediate threat without searching', () => {
    expect(quickColumn('41414')).toBe(4);
  });

  it('has no move for a finished game', () => {
    expect(quickColumn('4141414')).toBeUndefined();
  });
});
