import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { until } from './wait.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The environment of the CLI: ours without PARLOR_* settings, which would change its options, nor
 * colour settings (FORCE_COLOR would colour its piped output), plus `extra`.
 */
const cliEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('PARLOR_') && key !== 'FORCE_COLOR' && key !== 'NO_COLOR',
    ),
  ),
  ...extra,
});

/** `parlor play` (the built dist) in a child process with piped stdio; output is kept and can be awaited. */
export class CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  exitCode: number | null | undefined;
  readonly #events = new EventEmitter();
  #cursor = 0;

  constructor(args: readonly string[], env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, ['bin/parlor.js', 'play', ...args], { cwd: ROOT, env: cliEnv(env) });
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
      this.#events.emit('change');
    });
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
      this.#events.emit('change');
    });
    this.child.on('exit', (code) => {
      this.exitCode = code;
      this.#events.emit('change');
    });
  }

  #subscribe = (notify: () => void): (() => void) => {
    this.#events.on('change', notify);
    return () => this.#events.off('change', notify);
  };

  /** Types one line. */
  type(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  /** The next output line containing `fragment` (after the last one awaited), with `after` more lines. */
  lines(fragment: string, after = 0, timeoutMs = 5000): Promise<string[]> {
    return until(
      this.#subscribe,
      () => {
        const at = this.stdout.indexOf(fragment, this.#cursor);
        if (at === -1) return undefined;
        const start = this.stdout.lastIndexOf('\n', at) + 1;
        let end = at;
        for (let i = 0; i <= after; i++) {
          end = this.stdout.indexOf('\n', end + (i === 0 ? 0 : 1));
          if (end === -1) return undefined;
        }
        this.#cursor = end + 1;
        return this.stdout.slice(start, end).split('\n');
      },
      `CLI output ${JSON.stringify(fragment)} (output so far: ${JSON.stringify(this.stdout.slice(-400))})`,
      timeoutMs,
    );
  }

  /** Waits for an output line containing `fragment`, after the last line awaited; returns that line. */
  async line(fragment: string, timeoutMs = 5000): Promise<string> {
    return (await this.lines(fragment, 0, timeoutMs))[0] as string;
  }

  /** Waits for the process to exit; resolves with its exit code. */
  exited(timeoutMs = 5000): Promise<number | null> {
    return until(
      this.#subscribe,
      () => (this.exitCode === undefined ? undefined : { code: this.exitCode }),
      'the CLI to exit',
      timeoutMs,
    ).then((r) => r.code);
  }
}
