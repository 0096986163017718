import { type GameDefinition, type OptionValues, replayGame, type Seat } from '../../games/index.ts';
import type { ServerData } from '../../protocol/index.ts';
import type { TextStyle } from '../../textmode/index.ts';

/** A finished match as the server sends it (`record.match`). */
export type MatchRecord = ServerData<'record.match'>['record'];

type TurnBased = GameDefinition<unknown, unknown, unknown, OptionValues>;

/** One move of a replay: who played it and how it is written. */
export interface ReplayMove {
  readonly seat: Seat;
  readonly nick: string;
  readonly text: string;
}

/** What the user typed while replaying, read as a step (or as the way out). */
export type ReplayCommand =
  | { readonly kind: 'next' }
  | { readonly kind: 'previous' }
  | { readonly kind: 'start' }
  | { readonly kind: 'end' }
  | { readonly kind: 'goto'; readonly move: number }
  | { readonly kind: 'leave' }
  /** A slash command: leave the replay, then run it as usual. */
  | { readonly kind: 'command'; readonly line: string }
  | { readonly kind: 'unknown' };

/** Enter or `n` next, `p` previous, `s` start, `e` end, a number that move, `q` leave, `/…` a command. */
export const parseReplayCommand = (line: string): ReplayCommand => {
  const text = line.trim();
  if (text.startsWith('/')) return { kind: 'command', line: text };
  const word = text.toLowerCase();
  if (word === '' || word === 'n' || word === 'next') return { kind: 'next' };
  if (word === 'p' || word === 'prev' || word === 'previous') return { kind: 'previous' };
  if (word === 's' || word === 'start') return { kind: 'start' };
  if (word === 'e' || word === 'end') return { kind: 'end' };
  if (word === 'q' || word === 'quit' || word === 'leave') return { kind: 'leave' };
  if (/^\d{1,4}$/.test(word)) return { kind: 'goto', move: Number(word) };
  return { kind: 'unknown' };
};

/** The position a step leads to from position `at` of `total` moves (0 = the start), kept in range. */
export const stepReplay = (at: number, total: number, command: ReplayCommand): number => {
  switch (command.kind) {
    case 'next':
      return Math.min(at + 1, total);
    case 'previous':
      return Math.max(at - 1, 0);
    case 'start':
      return 0;
    case 'end':
      return total;
    case 'goto':
      return Math.max(0, Math.min(command.move, total));
    default:
      return at;
  }
};

/** What the session does with a line typed in replay mode. */
export interface ReplayAnswer {
  readonly lines: string[];
  /** True once the user left the replay. */
  readonly done: boolean;
  /** A slash command typed in replay mode, to run as usual after leaving. */
  readonly line?: string;
}

const HELP =
  'Enter or n: next move, p: previous, e: end, s: start, a number: that move, q (or any /command): leave.';

const reasonWords = (reason: string): string => reason.replace(/-/g, ' ');

/** `alice won (four in a row).`, `Draw (board full).` */
const resultWords = (record: MatchRecord): string =>
  record.winner === null
    ? `Draw (${reasonWords(record.reason)}).`
    : `${record.winner} won (${reasonWords(record.reason)}).`;

/**
 * A finished match replayed move by move with the game's own rules (F3): every position from the
 * start (move 0, created from the record's options and seed) to the last move, and a cursor.
 *
 *   Move 3/7: bob plays 7
 *   |. . . …   (the board, in colour when the style draws boards)
 */
export class Replay {
  readonly record: MatchRecord;
  readonly #game: TurnBased;
  /** `views[k]` is the position after `k` moves; `views[0]` the start. */
  readonly #views: readonly unknown[];
  readonly #moves: readonly ReplayMove[];
  /** Set when a stored move could not be replayed: the replay stops before it. */
  readonly #broken: string | undefined;
  #at = 0;

  private constructor(
    record: MatchRecord,
    game: TurnBased,
    views: readonly unknown[],
    moves: readonly ReplayMove[],
    broken: string | undefined,
  ) {
    this.record = record;
    this.#game = game;
    this.#views = views;
    this.#moves = moves;
    this.#broken = broken;
  }

  /**
   * The replay of `record`, or undefined when it cannot be replayed here (a game this client does
   * not know, not turn-based, or whose start position cannot be created from the record).
   */
  static of(record: MatchRecord): Replay | undefined {
    const replayed = replayGame(record.game, record.options, record.seed, record.moves);
    if (replayed === undefined) return undefined;
    const moves = replayed.moves.map((m) => ({ ...m, nick: record.players[m.seat] ?? `seat ${m.seat}` }));
    const broken =
      replayed.brokenAt === undefined
        ? undefined
        : `move ${replayed.brokenAt} of the record cannot be replayed; the replay stops before it.`;
    return new Replay(record, replayed.game, replayed.views, moves, broken);
  }

  /** The number of moves that can be shown. */
  get total(): number {
    return this.#moves.length;
  }

  /** The position shown: 0 (the start) to `total`. */
  get at(): number {
    return this.#at;
  }

  /** The prompt while replaying, on a terminal. */
  get prompt(): string {
    return `replay ${this.#at}/${this.total}> `;
  }

  /** What to print on entering the replay: what match it is, how to step, then move 0. */
  intro(style: TextStyle): string[] {
    const r = this.record;
    const notice = (text: string): string => style.notice(`* ${text}`);
    return [
      notice(
        `Replay of match ${r.id}: ${r.players.join(' vs ')}, ${this.#game.name}, ${r.moves.length} moves.`,
      ),
      notice(HELP),
      ...(this.#broken === undefined ? [] : [style.error(`! The record is damaged: ${this.#broken}`)]),
      ...this.lines(style),
    ];
  }

  /** `Move k/N: NICK plays X`, the board after it, and the result after the last move. */
  lines(style: TextStyle): string[] {
    const k = this.#at;
    const view = this.#views[k];
    const move = this.#moves[k - 1];
    const head =
      move === undefined
        ? `Move 0/${this.total}: the start position.`
        : `Move ${k}/${this.total}: ${style.nick(move.nick)} plays ${move.text}`;
    const plain = this.#game.renderText(view, this.record.players);
    const board = (style.board?.(this.record.game, view, plain) ?? plain).split('\n');
    const end =
      k === this.total && this.#broken === undefined
        ? [style.notice(`* Result: ${resultWords(this.record)}`)]
        : [];
    return [head, ...board, ...end];
  }

  /** Takes one line typed in replay mode: steps, leaves, or says how to step. */
  handle(line: string, style: TextStyle): ReplayAnswer {
    const command = parseReplayCommand(line);
    const notice = (text: string): string => style.notice(`* ${text}`);
    switch (command.kind) {
      case 'leave':
        return { lines: [notice(`You left the replay of match ${this.record.id}.`)], done: true };
      case 'command':
        return {
          lines: [notice(`You left the replay of match ${this.record.id}.`)],
          done: true,
          line: command.line,
        };
      case 'unknown':
        return { lines: [notice(`In a replay: ${HELP}`)], done: false };
      default: {
        const to = stepReplay(this.#at, this.total, command);
        if (to === this.#at && command.kind !== 'goto') {
          const where = this.#at === 0 ? 'the start' : 'the last move';
          return {
            lines: [notice(`This is ${where} (move ${this.#at}/${this.total}); q to leave.`)],
            done: false,
          };
        }
        this.#at = to;
        return { lines: this.lines(style), done: false };
      }
    }
  }
}
