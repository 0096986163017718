/**
 * One outgoing message, encoded once however many connections it goes to. Broadcasting a chat
 * line to a thousand sessions must not serialise or copy it a thousand times.
 */
export class OutgoingFrame {
  readonly text: string;
  #line: Buffer | undefined;
  #bytes: Buffer | undefined;

  constructor(text: string) {
    this.text = text;
  }

  /** The frame as a newline-terminated UTF-8 line (TCP). */
  line(): Buffer {
    this.#line ??= Buffer.from(`${this.text}\n`, 'utf8');
    return this.#line;
  }

  /** The frame as UTF-8 bytes (a WebSocket text message). */
  bytes(): Buffer {
    this.#bytes ??= Buffer.from(this.text, 'utf8');
    return this.#bytes;
  }
}
