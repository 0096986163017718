/** What the coalescer needs of a socket: `net.Socket`, or any `stream.Writable`. */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

/** Runs `flush` once the current turn of the event loop is over (after its I/O callbacks). */
export type ScheduleFlush = (flush: () => void) => void;

const afterThisTurn: ScheduleFlush = (flush) => {
  setImmediate(flush);
};

/**
 * Coalesces the writes of one event-loop turn into one write per socket.
 *
 * Every `socket.write` that is not corked ends in its own `writev` system call, and sending is
 * what a chat server mostly does: a broadcast turn that handles several incoming messages writes
 * each recipient several frames, each a syscall of a few dozen bytes. So a socket is corked on
 * its first write of a turn (`hold`), and every socket held is uncorked once, in one
 * `setImmediate` after the turn's I/O callbacks: one syscall per socket per turn, however many
 * messages it got, at no added delay beyond the end of the turn.
 *
 * Corks nest (Node counts them), so a library that corks and uncorks around its own writes, as
 * `ws` does for a frame header and payload, stays corked inside ours. Corked data is counted in
 * `writableLength`, so a send-buffer limit still sees it: what the peer has not read yet, plus at
 * most one turn's output, which the kernel has not been offered yet. `end()` fully uncorks in
 * Node, but `release` flushes a socket explicitly before it is ended; a destroyed socket drops
 * what was corked, and uncorking it at the flush is harmless.
 */
export class WriteCoalescer {
  readonly #schedule: ScheduleFlush;
  /** Sockets held in this turn; swapped with #spare at each flush (no allocation per turn). */
  #held = new Set<Corkable>();
  #spare = new Set<Corkable>();

  constructor(schedule: ScheduleFlush = afterThisTurn) {
    this.#schedule = schedule;
  }

  /** Call before writing to `socket`: corks it until the end of this turn (once per turn). */
  hold(socket: Corkable): void {
    if (this.#held.has(socket)) return;
    if (this.#held.size === 0) this.#schedule(this.#flush);
    this.#held.add(socket);
    socket.cork();
  }

  /** Uncorks `socket` now if it is held (e.g. before `end()`, so that what was written goes first). */
  release(socket: Corkable): void {
    if (this.#held.delete(socket)) socket.uncork();
  }

  /** Uncorks every socket held in this turn. A socket held again meanwhile goes to the next turn. */
  readonly #flush = (): void => {
    const held = this.#held;
    this.#held = this.#spare;
    this.#spare = held;
    for (const socket of held) socket.uncork();
    held.clear();
  };
}
