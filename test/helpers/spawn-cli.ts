import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { until } from './wait.ts';

const BIN = fileURLToPath(new URL('../../bin/parlor.js', import.meta.url));

/** A `parlor` process started by a test, with everything it printed so far. */
export interface CliProcess {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  /** Waits until stdout (or stderr) contains `fragment`. */
  waitFor(fragment: string, stream?: 'stdout' | 'stderr', timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Spawns the checkout's own `bin/parlor.js` (never a copy from npx). */
export const spawnCli = (args: string[], env: Record<string, string> = {}): CliProcess => {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env, FORCE_COLOR: '0', NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const listeners = new Set<() => void>();
  const proc: CliProcess = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    waitFor: async (fragment, stream = 'stdout', timeoutMs = 5000) => {
      await until(
        (notify) => {
          listeners.add(notify);
          return () => listeners.delete(notify);
        },
        () => (proc[stream].includes(fragment) ? true : undefined),
        `${stream} to contain ${JSON.stringify(fragment)} (${stream} so far: ${JSON.stringify(proc[stream].slice(-500))})`,
        timeoutMs,
      );
    },
  };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    proc.stdout += chunk;
    for (const notify of listeners) notify();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    proc.stderr += chunk;
    for (const notify of listeners) notify();
  });
  return proc;
};

/** Runs `parlor ARGS` to completion. */
export const runCli = async (args: string[], env: Record<string, string> = {}) => {
  const proc = spawnCli(args, env);
  proc.child.stdin?.end();
  const code = await proc.exited;
  return { code, stdout: proc.stdout, stderr: proc.stderr };
};
