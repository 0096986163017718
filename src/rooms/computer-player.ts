import { randomBytes, randomInt } from 'node:crypto';
import type { SolverThread } from '../analysis/index.ts';
import type { Connect4Solver } from '../games/index.ts';
import { type ClientMessage, type ServerMessage, UserState } from '../protocol/index.ts';
import { Session } from '../server/index.ts';
import type { Match } from './match.ts';
import type { MatchHost } from './match-host.ts';

/** Nicknames of computer seats: `computer:hard`. The colon keeps them apart from every user's. */
export const COMPUTER_NICK_PREFIX = 'computer:';

/** Settings of the computer opponent. */
export interface ComputerOptions {
  /** Most time the computer thinks about one move (less when its clock is shorter). */
  readonly computerMoveMs: number;
}

/**
 * The computer opponent (G2, "play against the computer"): a seat the server plays itself. It is
 * a session without a connection, so matches, records and spectators treat it as any player; the
 * messages sent to it are its cue: on its turn it asks the solver thread for a move at its level
 * and plays it through the match host, as a player's `match.move` would be. One per match.
 */
export class ComputerPlayer extends Session {
  readonly level: Connect4Solver.PlayerLevel;
  readonly #host: MatchHost;
  readonly #solver: SolverThread;
  readonly #options: ComputerOptions;
  /** The version it is thinking about, so that one turn is thought about once. */
  #thinkingAt = -1;

  constructor(
    level: Connect4Solver.PlayerLevel,
    host: MatchHost,
    solver: SolverThread,
    options: ComputerOptions,
  ) {
    super(`computer-${randomBytes(8).toString('base64url')}`, '', 1);
    this.level = level;
    this.nick = `${COMPUTER_NICK_PREFIX}${level}`;
    this.state = UserState.PLAYING;
    this.automated = true;
    this.#host = host;
    this.#solver = solver;
    this.#options = options;
  }

  /** Nothing is written anywhere: a message is a cue to look at the match. */
  override send(message: ServerMessage): void {
    if (message.type === 'match.started' || message.type === 'match.update') {
      // After the host has finished what it is doing (starting the match, applying a move).
      queueMicrotask(() => this.#considerTurn());
    } else if (message.type === 'match.ended') {
      const match = this.#host.players.of(this).last;
      // Nobody is left to talk to in the match room: the computer leaves it, and is forgotten.
      if (match !== null) this.#host.chat.leave(this, match.room);
    }
  }

  #considerTurn(): void {
    const match = this.#host.players.of(this).match;
    if (match === null || match.end !== null) return;
    const seat = match.seatOf(this);
    if (seat === null || match.toMove !== seat || this.#thinkingAt === match.version) return;
    this.#thinkingAt = match.version;
    const version = match.version;
    const position = (match.viewFor(seat) as { moves: string }).moves;
    this.#solver
      .chooseMove({ position, level: this.level, seed: randomInt(2 ** 31), budgetMs: this.#budget(match) })
      .then(
        (choice) => {
          if (match.end !== null || match.version !== version) return;
          this.#play(match, seat, choice.column + 1, version);
        },
        (error: unknown) => {
          if (match.end !== null) return;
          // Without its solver the computer cannot play on: it resigns rather than hang the match.
          this.#host.server.log.error(
            { event: 'computer.failed', match: match.id, error },
            'computer resigns',
          );
          this.#host.end(match, { winner: match.opponentOf(seat), reason: 'resign' });
        },
      );
  }

  /** Its thinking time: `computerMoveMs`, or half of what its clock leaves, whichever is less. */
  #budget(match: Match): number {
    const deadline = match.deadline();
    const left = deadline === null ? Number.POSITIVE_INFINITY : deadline - this.#host.server.now();
    return Math.max(10, Math.min(this.#options.computerMoveMs, left / 2));
  }

  #play(match: Match, seat: number, column: number, version: number): void {
    const parsed = match.game.parseMove({ column });
    if (!parsed.ok) throw new Error(`the solver chose column ${column}: ${parsed.error.message}`);
    const request: ClientMessage = { type: 'match.move', data: { move: { column }, version } };
    const refused = this.#host.play(match, seat, parsed.value, { session: this, request });
    if (refused !== undefined) {
      this.#host.server.log.error(
        { event: 'computer.refused', match: match.id, refused },
        'computer move refused',
      );
    }
  }
}
