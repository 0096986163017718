const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Cuts a byte stream into lines (NDJSON framing, and text mode), with a bound on line length so
 * that memory stays bounded whatever the peer sends. Lines may end in `\n` or `\r\n`.
 */
export class LineSplitter {
  readonly #maxLineBytes: number;
  #pending: Buffer[] = [];
  #pendingBytes = 0;

  constructor(maxLineBytes: number) {
    this.#maxLineBytes = maxLineBytes;
  }

  /**
   * Feeds a chunk; calls `line` for each complete line and returns false (and stops) as soon as
   * a line is longer than the limit.
   */
  push(chunk: Buffer, line: (text: string) => void): boolean {
    let start = 0;
    for (;;) {
      const end = chunk.indexOf(NEWLINE, start);
      if (end === -1) break;
      if (this.#pendingBytes + (end - start) > this.#maxLineBytes + 1) return false;
      let bytes = chunk.subarray(start, end);
      if (this.#pendingBytes > 0) {
        bytes = Buffer.concat([...this.#pending, bytes]);
        this.#pending = [];
        this.#pendingBytes = 0;
      }
      const length =
        bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.length - 1 : bytes.length;
      if (length > this.#maxLineBytes) return false;
      line(bytes.toString('utf8', 0, length));
      start = end + 1;
    }
    if (start < chunk.length) {
      this.#pendingBytes += chunk.length - start;
      if (this.#pendingBytes > this.#maxLineBytes + 1) return false;
      this.#pending.push(chunk.subarray(start));
    }
    return true;
  }
}
