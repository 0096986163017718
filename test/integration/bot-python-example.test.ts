import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playScripted } from '../helpers/connect4-opponent.ts';
import { ok, player } from '../helpers/games.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

//
// The Python bot of docs/bots.md ("Write your own bot"), taken from the page as it is, plays one
// game from the queue against a scripted client. Skipped, saying so, where python3 is missing.
//

const hasPython = (() => {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasPython)
  console.warn('bot-python-example.test.ts: python3 is not installed; the Python example is not run');

/** The ```python block of docs/bots.md. */
const pythonExample = (): string => {
  const page = readFileSync(new URL('../../docs/bots.md', import.meta.url), 'utf8');
  const block = /```python\n([\s\S]*?)```/.exec(page);
  if (block === null) throw new Error('docs/bots.md has no ```python block');
  return block[1] as string;
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('the Python bot of docs/bots.md', () => {
  it.runIf(hasPython)(
    'queues, plays legal moves for a whole game, prints the result and exits 0',
    async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'parlor-bot-')), 'bot.py');
      writeFileSync(file, pythonExample());
      const human = await player(server, 'scripted', 'tcp');
      expect((await ok(human, 'queue.join', { game: 'connect4' })).data.waiting).toBe(1);

      const python = spawn('python3', [file, '127.0.0.1', String(server.tcpPort), 'pybot'], {
        stdio: 'pipe',
      });
      let stdout = '';
      let stderr = '';
      python.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
      });
      python.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
      });
      const exited = new Promise<number | null>((resolve) => python.on('exit', resolve));

      const started = await human.nextMessage('match.started', undefined, 10_000);
      expect(started.data.match.players).toContain('pybot');
      // The scripted side plays the leftmost column; every move of both sides must be accepted.
      const { ended, views } = await playScripted(human, started);
      // One update per move played: the game went to its end.
      expect((ended.data.view as { moves: string }).moves).toHaveLength(views.length);
      const { winner, reason } = ended.data.result;
      expect(await exited).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toBe(`game over: ${winner ?? 'draw'} by ${reason}\n`);
      human.end();
    },
  );
});
