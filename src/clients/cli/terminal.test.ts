import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { terminalStyle } from './style.ts';
import { Terminal, type TerminalEvents } from './terminal.ts';

/** Stream pair standing in for a terminal (or for pipes when `tty` is false). */
const streams = (tty: boolean) => {
  const written: string[] = [];
  const input = Object.assign(new PassThrough(), { isTTY: tty });
  const output = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        written.push(chunk.toString('utf8'));
        done();
      },
    }),
    { isTTY: tty, columns: 80 },
  ) as unknown as NodeJS.WriteStream;
  return { input, output, written };
};

const recorder = () => {
  const seen: string[] = [];
  const events: TerminalEvents = {
    line: (text) => seen.push(`line:${text}`),
    interrupt: () => seen.push('interrupt'),
    end: () => seen.push('end'),
  };
  return { seen, events };
};

/** Lets the stream deliver what was written to it (one event-loop turn, not a sleep). */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Turns the event loop until `done` holds (at most 100 turns). */
const settled = async (done: () => boolean): Promise<void> => {
  for (let i = 0; i < 100 && !done(); i++) await turn();
};

describe('Terminal on a TTY', () => {
  it('prints above the line being typed and redraws the prompt with the typed text', async () => {
    const { input, output, written } = streams(true);
    const { seen, events } = recorder();
    const terminal = new Terminal(input, output, events);
    terminal.setPrompt('#lobby> ');
    terminal.prompt();
    input.write('hel');
    await settled(() => written.join('').endsWith('hel'));
    written.length = 0;
    terminal.print(['<bob> hi']);
    const shown = written.join('');
    const cleared = shown.indexOf('\u001b[2K');
    const printed = shown.indexOf('<bob> hi\n');
    expect(cleared).toBeGreaterThanOrEqual(0);
    expect(printed).toBeGreaterThan(cleared);
    expect(shown.slice(printed)).toContain('#lobby> hel');
    input.write('lo\r');
    await settled(() => seen.length === 1);
    expect(seen).toEqual(['line:hello']);
    terminal.close(['bye']);
    expect(written.join('')).toContain('bye\n');
    expect(seen).toEqual(['line:hello']);
  });

  it('reports Ctrl-C and Ctrl-D', async () => {
    const { input, output } = streams(true);
    const { seen, events } = recorder();
    new Terminal(input, output, events);
    input.write('\u0003');
    await settled(() => seen.length === 1);
    input.write('\u0004');
    await settled(() => seen.length === 2);
    expect(seen).toEqual(['interrupt', 'end']);
  });
});

describe('Terminal on pipes', () => {
  it('reads line by line, prints plain lines and shows no prompt', async () => {
    const { input, output, written } = streams(false);
    const { seen, events } = recorder();
    const terminal = new Terminal(input, output, events);
    terminal.setPrompt('#lobby> ');
    terminal.prompt();
    terminal.print(['one', 'two']);
    input.end('first\r\nsecond\n');
    await settled(() => seen.includes('end'));
    expect(written.join('')).toBe('one\ntwo\n');
    expect(seen).toEqual(['line:first', 'line:second', 'end']);
  });
});

describe('terminalStyle', () => {
  it('colours when enabled and leaves text alone when not', () => {
    expect(terminalStyle(true).error('x')).toBe('\u001b[31mx\u001b[39m');
    const plain = terminalStyle(false);
    expect([
      plain.nick('a'),
      plain.room('b'),
      plain.notice('c'),
      plain.error('d'),
      plain.private('e'),
    ]).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
