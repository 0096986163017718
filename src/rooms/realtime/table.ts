import type { OptionValues } from '../../games/index.ts';
import type { ServerData } from '../../protocol/index.ts';
import type { Session } from '../../server/index.ts';
import type { RealtimeGame, RealtimeMatch } from './realtime-match.ts';

export type TableInfo = ServerData<'table.joined'>['table'];

/**
 * A table of a real-time game (H3): people gather, the host starts (or it starts by itself when
 * its seats are full, counting the bots), and after each match the same people may play again.
 */
export class Table {
  readonly id: string;
  readonly game: RealtimeGame;
  readonly options: OptionValues;
  readonly private: boolean;
  readonly code: string;
  readonly bots: number;
  /** The people at the table; the first is the host. */
  readonly people: Session[] = [];
  match: RealtimeMatch | null = null;
  /** The chat room of the last match played here: its players leave it when the next one starts. */
  lastRoom: string | null = null;

  constructor(
    id: string,
    game: RealtimeGame,
    options: OptionValues,
    isPrivate: boolean,
    code: string,
    bots: number,
  ) {
    this.id = id;
    this.game = game;
    this.options = options;
    this.private = isPrivate;
    this.code = code;
    this.bots = bots;
  }

  /** Seats in all: the game's `seats` option, or its most. */
  get seats(): number {
    const seats = this.options.seats;
    return typeof seats === 'number' ? seats : this.game.seats.max;
  }

  get host(): Session | undefined {
    return this.people[0];
  }

  get full(): boolean {
    return this.people.length + this.bots >= this.seats;
  }

  /** The protocol form; the join code only for the people at the table. */
  info(withCode: boolean): TableInfo {
    return {
      id: this.id,
      game: this.game.id,
      options: { ...this.options },
      host: this.host?.nick ?? '',
      players: this.people.map((p) => p.nick as string),
      bots: this.bots,
      seats: this.seats,
      private: this.private,
      code: withCode ? this.code : null,
      state: this.match === null ? 'waiting' : 'playing',
      match: this.match?.id ?? null,
    };
  }
}
