import readline from 'node:readline';

/** What the person at the terminal does. */
export interface TerminalEvents {
  /** A line was entered. */
  line(text: string): void;
  /** Ctrl-C. */
  interrupt(): void;
  /** The input ended (Ctrl-D, or the end of piped input). */
  end(): void;
}

/**
 * The terminal side of `parlor play`: a line editor with a prompt when both ends are a terminal,
 * plain line-by-line reading otherwise (piped input, tests). Printing never garbles a line being
 * typed: the line is cleared, the output printed, then the prompt and the typed text redrawn.
 */
export class Terminal {
  readonly #output: NodeJS.WritableStream;
  readonly #rl: readline.Interface;
  readonly #interactive: boolean;
  #closed = false;

  constructor(input: NodeJS.ReadableStream, output: NodeJS.WriteStream, events: TerminalEvents) {
    this.#output = output;
    this.#interactive = (input as { isTTY?: boolean }).isTTY === true && output.isTTY === true;
    this.#rl = this.#interactive
      ? readline.createInterface({ input, output, terminal: true, prompt: '' })
      : readline.createInterface({ input, terminal: false });
    this.#rl.on('line', (line) => events.line(line));
    this.#rl.on('SIGINT', () => events.interrupt());
    this.#rl.on('close', () => {
      if (this.#closed) return;
      this.#closed = true;
      events.end();
    });
  }

  /** Sets the prompt shown from the next redraw on (interactive only). */
  setPrompt(text: string): void {
    this.#rl.setPrompt(text);
  }

  /** Shows the prompt, keeping what was typed so far. */
  prompt(): void {
    if (this.#interactive && !this.#closed) this.#rl.prompt(true);
  }

  /** Prints lines above the line being typed. */
  print(lines: readonly string[]): void {
    if (lines.length === 0) return;
    this.#write(lines);
    if (this.#interactive && !this.#closed) this.#rl.prompt(true);
  }

  /** Prints last lines in place of the prompt and stops reading; `end` is not reported for it. */
  close(lines: readonly string[] = []): void {
    this.#write(lines);
    if (this.#closed) return;
    this.#closed = true;
    this.#rl.close();
  }

  #write(lines: readonly string[]): void {
    if (this.#interactive && !this.#closed) {
      readline.clearLine(this.#output, 0);
      readline.cursorTo(this.#output, 0);
    }
    if (lines.length > 0) this.#output.write(`${lines.join('\n')}\n`);
  }
}
