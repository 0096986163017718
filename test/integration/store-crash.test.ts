import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/index.ts';
import { until } from '../helpers/wait.ts';

const WRITER = fileURLToPath(new URL('../fixtures/store-writer.ts', import.meta.url));
const ACKS_BEFORE_KILL = 200;

let child: ChildProcess | undefined;
let dir: string | undefined;

afterEach(() => {
  if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  child = undefined;
  dir = undefined;
});

describe('SQLite store after kill -9', () => {
  it('opens and holds every write acknowledged before the kill', async () => {
    dir = mkdtempSync(join(tmpdir(), 'parlor-crash-'));
    const file = join(dir, 'parlor.db');
    const writer = spawn(process.execPath, ['--import', 'tsx', WRITER, file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = writer;
    // 'close' comes after the exit and the end of stdout, so acknowledgements still in the pipe count too.
    const closed = new Promise<NodeJS.Signals | null>((resolve) => {
      writer.on('close', (_code, signal) => resolve(signal));
    });

    let stdout = '';
    let stderr = '';
    let lastAck = -1;
    let unexpected: string | undefined;
    const listeners = new Set<() => void>();
    writer.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    writer.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      // Only complete lines count: a torn last line is an acknowledgement we did not see.
      const lines = stdout.split('\n');
      stdout = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^ACK (\d+)$/.exec(line);
        if (match === null) unexpected ??= line;
        else lastAck = Number(match[1]);
      }
      for (const notify of listeners) notify();
    });
    writer.on('exit', () => {
      for (const notify of listeners) notify();
    });

    const outcome = await until(
      (notify) => {
        listeners.add(notify);
        return () => listeners.delete(notify);
      },
      () => {
        if (unexpected !== undefined) return 'unexpected output';
        if (writer.exitCode !== null || writer.signalCode !== null) return 'early exit';
        return lastAck >= ACKS_BEFORE_KILL ? 'ready' : undefined;
      },
      `${ACKS_BEFORE_KILL} acknowledged writes`,
      10_000,
    ).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}; writer stderr: ${stderr}`);
    });
    if (outcome !== 'ready') throw new Error(`writer: ${outcome} ${unexpected ?? ''}; stderr: ${stderr}`);
    writer.kill('SIGKILL');
    expect(await closed).toBe('SIGKILL');
    const acknowledged = lastAck;

    const store = await openSqliteStore(file);
    try {
      const banned = new Set((await store.moderation.activeSanctions(0)).map((s) => s.target.value));
      const missing: number[] = [];
      for (let n = 0; n <= acknowledged; n += 1) {
        const present =
          n % 2 === 0
            ? (await store.accounts.getAccount(`w${n}`))?.passwordHash === `hash-${n}`
            : banned.has(`w${n}`);
        if (!present) missing.push(n);
      }
      expect(missing).toEqual([]);
      expect(acknowledged).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
    } finally {
      await store.close();
    }
  });
});
