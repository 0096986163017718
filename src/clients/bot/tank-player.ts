import { type Json, SnapshotBuffer, Tanks } from '../../games/index.ts';
import type { ServerData } from '../../protocol/index.ts';
import { type ParlorClient, ParlorError } from '../sdk/index.ts';
import { outcomeFor, Scoreboard } from './scoreboard.ts';

/** How a tank bot finds a table: any public one with a free seat (or its own), or one by id or code. */
export type TankBotMode = { readonly kind: 'queue' } | { readonly kind: 'table'; readonly table: string };

/** How a tank bot plays. */
export interface TankPlayerOptions {
  readonly mode: TankBotMode;
  /** Matches to play before stopping. @default Infinity */
  readonly games?: number;
  /** Options of a table the bot opens when it finds none (`--queue`). @default 4 seats */
  readonly tableOptions?: Record<string, unknown>;
  readonly log: (line: string) => void;
  readonly logError?: (line: string) => void;
  /** The seed of the bot's own randomness (dodging, aiming errors). @default random */
  readonly seed?: number;
}

type Table = ServerData<'table.joined'>['table'];

const QUIT_TIMEOUT_MS = 3000;

/**
 * A tank arena bot (H4) on a connected client, over the public protocol like a person in the
 * browser: it sits at a table, plays each match with the game's bot brain deciding from the
 * snapshots it receives (deltas decoded against the snapshot it acknowledged), sends its input
 * when it changes, and stays for the next match (starting it when it is the host). The client
 * library resumes a dropped connection; the fresh state after a resume restarts the decoding.
 */
export class TankPlayer {
  /** Settles with the exit code: 0 after its matches (or `stop`), 1 when it could not sit anywhere. */
  readonly finished: Promise<number>;
  readonly #client: ParlorClient;
  readonly #options: TankPlayerOptions;
  readonly #games: number;
  readonly #score = new Scoreboard();
  readonly #snapshots = new SnapshotBuffer();
  readonly #brain = Tanks.tanks.bot as NonNullable<typeof Tanks.tanks.bot>;
  #resolve: (code: number) => void = () => {};
  #table: Table | undefined;
  #match: { id: string; seat: number } | undefined;
  #memory: unknown;
  #seq = 0;
  #lastInput = '';
  #finishing = false;

  constructor(client: ParlorClient, options: TankPlayerOptions) {
    this.#client = client;
    this.#options = options;
    this.#games = options.games ?? Number.POSITIVE_INFINITY;
    this.finished = new Promise((resolve) => {
      this.#resolve = resolve;
    });
    client.on('table.joined', (m) => this.#sat(m.data.table));
    client.on('table.updated', (m) => this.#sat(m.data.table));
    client.on('match.started', (m) => this.#started(m.data.match, m.data.view));
    client.on('match.state', (m) => this.#started(m.data.match, m.data.view));
    client.on('match.snapshot', (m) => this.#snapshot(m.data));
    client.on('match.ended', (m) => this.#ended(m.data));
    client.onClose(() => this.#finish(this.#score.played >= this.#games ? 0 : 1));
  }

  /** Finds a table and sits down. */
  async start(): Promise<void> {
    try {
      if (this.#options.mode.kind === 'table') {
        const target = this.#options.mode.table;
        await this.#client.request(
          'table.join',
          /^[0-9a-f]{10}$/.test(target) ? { id: target } : { code: target },
        );
        return;
      }
      const listing = await this.#client.request('table.list', { game: 'tanks' });
      const open = listing.data.tables.find(
        (t) => t.state === 'waiting' && t.players.length + t.bots < t.seats,
      );
      if (open !== undefined) await this.#client.request('table.join', { id: open.id });
      else
        await this.#client.request('table.create', {
          game: 'tanks',
          options: this.#options.tableOptions ?? { seats: 4 },
        });
    } catch (error) {
      (this.#options.logError ?? this.#options.log)(
        `cannot sit at a table: ${error instanceof ParlorError ? `${error.message} (${error.code})` : String(error)}`,
      );
      void this.stop(1);
    }
  }

  /** Says goodbye (summary line, `quit`) and settles `finished`. */
  async stop(code = 0): Promise<number> {
    if (this.#finishing) return this.finished;
    this.#finishing = true;
    this.#options.log(this.#score.summary());
    await this.#client.quit('Bot done.', { timeoutMs: QUIT_TIMEOUT_MS }).catch(() => undefined);
    this.#finish(code);
    return this.finished;
  }

  #finish(code: number): void {
    this.#finishing = true;
    this.#resolve(code);
  }

  #sat(table: Table): void {
    const first = this.#table === undefined;
    this.#table = table;
    if (first)
      this.#options.log(`at table ${table.id} (${table.players.length + table.bots}/${table.seats} seats)`);
    // The host starts the next match once a match is over and someone else is there.
    const mine = table.host === this.#client.nick;
    if (
      mine &&
      table.state === 'waiting' &&
      this.#score.played > 0 &&
      table.players.length + table.bots >= 2
    ) {
      this.#client.request('table.start', {}).catch(() => undefined);
    }
  }

  #started(match: ServerData<'match.started'>['match'], view: unknown): void {
    if (match.seat === null || match.realtime === undefined) return;
    const fresh = this.#match?.id !== match.id;
    this.#match = { id: match.id, seat: match.seat };
    this.#snapshots.reset();
    this.#snapshots.receive({ tick: (view as Tanks.TanksSnapshot).t, base: null, data: view });
    if (!fresh) return;
    this.#memory = this.#brain.start(match.seat, this.#options.seed ?? Math.floor(Math.random() * 2 ** 31));
    this.#seq = 0;
    this.#lastInput = '';
    this.#options.log(`match ${match.id} started: ${match.players.join(', ')} (seat ${match.seat})`);
  }

  #snapshot(data: ServerData<'match.snapshot'>): void {
    const match = this.#match;
    if (match === undefined || data.match !== match.id) return;
    const snapshot = this.#snapshots.receive(data);
    if (snapshot === undefined) return;
    const decision = this.#brain.decide(snapshot as unknown as Tanks.TanksSnapshot, match.seat, this.#memory);
    this.#memory = decision.memory;
    const input = Tanks.makeInput(decision.input) as Json;
    const text = JSON.stringify(input);
    if (text === this.#lastInput) {
      this.#client.send('match.ack', { match: match.id, tick: data.tick });
      return;
    }
    this.#lastInput = text;
    this.#seq += 1;
    this.#client.send('match.input', { match: match.id, seq: this.#seq, input, ack: data.tick });
  }

  #ended(data: ServerData<'match.ended'>): void {
    const match = this.#match;
    if (match === undefined || data.match !== match.id) return;
    if (!this.#score.record(match.id, outcomeFor(data.result, match.seat))) return;
    const scores = (data.view as Tanks.TanksSnapshot).scores.map(([kills, deaths]) => `${kills}/${deaths}`);
    this.#options.log(
      `match ${match.id} over: ${data.result.winner === null ? 'draw' : `${data.result.winner} won`} (kills/deaths ${scores.join(' ')}); ${this.#score.tally()}`,
    );
    if (this.#score.played >= this.#games) void this.stop(0);
    else if (this.#table !== undefined) this.#sat(this.#table);
  }
}
