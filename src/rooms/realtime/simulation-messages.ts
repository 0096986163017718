import type { Json, OptionValues, Outcome, Seat } from '../../games/index.ts';
import type { TickFigures } from './ticker.ts';

//
// What the server's thread and the simulation thread say to each other (structured-cloned over
// the worker's port). Recipients (players and spectators) are named by their session id; the
// simulation thread knows nothing of sessions or sockets.
//

/** A new match to simulate: the thread creates its state from the game, options and seed. */
export interface StartCommand {
  readonly kind: 'start';
  readonly match: string;
  readonly game: string;
  readonly options: OptionValues;
  readonly seed: number;
  /** The session id of each seat's player; `null` for a bot's seat. */
  readonly players: readonly (string | null)[];
  readonly snapshotEvery: number;
  readonly snapshotPhase: number;
}

/**
 * Everything the server's thread tells the simulation thread, in the order it happened (posted as
 * arrays, one per turn of the server's event loop: see `SimulationThread.send`).
 */
export type SimulationCommand =
  | StartCommand
  /** An input the server accepted (its `seq` is new); `input` in the game's `makeInput` form. */
  | {
      readonly kind: 'input';
      readonly match: string;
      readonly seat: Seat;
      readonly seq: number;
      readonly input: Json;
    }
  /** The seat's player dropped or left: the seat idles (see `MatchSimulation.idle`). */
  | { readonly kind: 'idle'; readonly match: string; readonly seat: Seat }
  /** A recipient acknowledged the snapshot of `tick`. */
  | { readonly kind: 'ack'; readonly match: string; readonly recipient: string; readonly tick: number }
  /** A recipient starts receiving snapshots (a spectator), whole at first. */
  | { readonly kind: 'add'; readonly match: string; readonly recipient: string }
  /** A recipient stops receiving snapshots (a spectator leaves, a player leaves the table). */
  | { readonly kind: 'remove'; readonly match: string; readonly recipient: string }
  /** A recipient got the latest snapshot whole (`match.state`): its next snapshot is whole too. */
  | { readonly kind: 'forget'; readonly match: string; readonly recipient: string }
  /** The server ended the match (abandoned, aborted): stop simulating it. */
  | { readonly kind: 'stop'; readonly match: string };

/** What one tick changed of one match (a match with nothing new is left out of the report). */
export interface MatchTickReport {
  readonly match: string;
  readonly tick: number;
  /** The inputs that changed, as `[tick, seat, input]` records (the record's moves). */
  readonly log?: Json[];
  /** When a snapshot was taken: the `seq` of each seat's input that this tick applied. */
  readonly applied?: readonly number[];
  /**
   * When a snapshot was taken: its frames, as the `data` of each distinct one (the whole snapshot,
   * or the change from a base) and, for each recipient, `recipient, index into bodies, base, ack`.
   */
  readonly bodies?: readonly string[];
  readonly sendTo?: ReadonlyArray<string | number | null>;
  /**
   * The snapshot in JSON: with the first one, about every second, and at the end (what the server's
   * thread shows whole: a recipient of it gets its next snapshot whole, so an older one does).
   */
  readonly snapshot?: string;
  readonly outcome?: Outcome;
  /** The tick threw: the match is over, without a result. */
  readonly failed?: string;
}

/** Once, when the thread starts: the priority it asked for and the one it got (`threadPriority`). */
export interface PriorityReport extends SimulationThreadData {
  readonly kind: 'priority';
  /** SCHED_FIFO at `realtime`, the nice value `nice`, or neither (the server's priority). */
  readonly got: 'realtime' | 'nice' | 'none';
  /** The thread's id on Linux (its row in `top -H`, `/proc/<pid>/task/<id>`). */
  readonly thread?: number;
  /** Why each refused setting was refused, in the order asked. */
  readonly reasons: readonly string[];
}

/** What the simulation thread starts with (its `workerData`): the priority to ask for. */
export interface SimulationThreadData {
  /** SCHED_FIFO priority, 1–99; 0 asks only for `nice`. */
  readonly realtime: number;
  /** The nice value, if the real-time policy is not asked for or refused. */
  readonly nice: number;
}

/** One tick of every match, as the simulation thread reports it. */
export interface TickReport {
  readonly kind: 'tick';
  readonly matches: readonly MatchTickReport[];
  /** The ticker's figures, every few ticks. */
  readonly figures?: TickFigures;
  /** Every tick since the last report: its slot, its duration and its first phase's, in ms (`Ticker.takeTicks`). */
  readonly ticks: readonly number[];
}
