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

/** Runs `flush` once the current I/O callback is over (before the turn's next one). */
const afterThisCallback: ScheduleFlush = (flush) => {
  queueMicrotask(flush);
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
 *
 * A busy turn can be long: one epoll wakeup with dozens of readable sockets runs all their
 * handlers before the `setImmediate`, and a game move's reply would wait for all of them. A write
 * held `soon` (a move, a snapshot: latency matters more than syscalls) makes the flush come at the
 * end of the I/O callback in progress instead. Chat fan-out, which holds nothing `soon`, keeps its
 * batching.
 */
export class WriteCoalescer {
  readonly #schedule: ScheduleFlush;
  /** Sockets held in this turn; swapped with #spare at each flush (no allocation per turn). */
  #held = new Set<Corkable>();
  #spare = new Set<Corkable>();
  readonly #scheduleSoon: ScheduleFlush;
  /** Whether a flush at the end of the current callback is already due. */
  #soon = false;

  constructor(schedule: ScheduleFlush = afterThisTurn, scheduleSoon: ScheduleFlush = afterThisCallback) {
    this.#schedule = schedule;
    this.#scheduleSoon = scheduleSoon;
  }

  /**
   * Call before writing to `socket`: corks it until the end of this turn (once per turn), or, if
   * `soon`, until the end of the current I/O callback (with everything else held so far).
   */
  hold(socket: Corkable, soon = false): void {
    if (soon && !this.#soon) {
      this.#soon = true;
      this.#scheduleSoon(this.#flush);
    }
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
    this.#soon = false;
    const held = this.#held;
    this.#held = this.#spare;
    this.#spare = held;
    for (const socket of held) socket.uncork();
    held.clear();
  };
}
