/**
 * Cuts a text stream into lines ending in `\n` or `\r\n`. Keeps at most `maxChars` of an unfinished
 * line, so that a server that never ends its line cannot use up the client's memory.
 */
export class LineReader {
  readonly #maxChars: number;
  #pending = '';

  constructor(maxChars: number) {
    this.#maxChars = maxChars;
  }

  /** The lines completed by `chunk`, or null once a line is longer than the limit. */
  push(chunk: string): string[] | null {
    const parts = (this.#pending + chunk).split('\n');
    this.#pending = parts.pop() ?? '';
    if (this.#pending.length > this.#maxChars) return null;
    const lines = parts.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
    return lines.some((line) => line.length > this.#maxChars) ? null : lines;
  }
}
