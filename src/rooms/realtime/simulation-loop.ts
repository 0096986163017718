import { findGame, type Json } from '../../games/index.ts';
import { MatchSimulation, type RealtimeGame } from './match-simulation.ts';
import type { MatchTickReport, SimulationCommand, StartCommand, TickReport } from './simulation-messages.ts';
import { Ticker } from './ticker.ts';

/** The ticker's figures go with every this many ticks' report. */
const FIGURES_EVERY = 6;

/**
 * The simulation thread's work, apart from the thread itself (so that it runs in tests as it is):
 * one 60 Hz ticker for every match (lila-ws style: one timer, not one per room), commands from the
 * server's thread applied between ticks, and one report per tick with what every match produced.
 */
export class SimulationLoop {
  readonly #matches = new Map<string, MatchSimulation>();
  readonly #report: (report: TickReport) => void;
  readonly #fellBehind: (missed: number) => void;
  /** The ticks missed when `#fellBehind` was last called. */
  #missedTold = 0;
  // Every real-time game of ours ticks at 60 Hz; a game at another rate would get its own ticker.
  readonly #ticker = new Ticker(60, () => this.#tickAll());

  /**
   * `report` hears every tick's report; `fellBehind`, after a tick, that the ticker skipped ticks
   * since the last call (the total so far): the thread cannot keep up.
   */
  constructor(report: (report: TickReport) => void, fellBehind: (missed: number) => void = () => {}) {
    this.#report = report;
    this.#fellBehind = fellBehind;
  }

  apply(command: SimulationCommand): void {
    if (command.kind === 'start') {
      this.#start(command);
      return;
    }
    const match = this.#matches.get(command.match);
    if (match === undefined) return; // Ended here while the command was on its way.
    switch (command.kind) {
      case 'input': {
        const input = match.game.parseInput(command.input);
        // Parsed again (a typed value for the rules); the command already holds its JSON form.
        if (input.ok) match.input(command.seat, command.seq, input.value, command.input);
        break;
      }
      case 'idle':
        match.idle(command.seat);
        break;
      case 'ack':
        match.acknowledge(command.recipient, command.tick);
        break;
      case 'add':
        match.addSpectator(command.recipient);
        break;
      case 'remove':
        match.remove(command.recipient);
        break;
      case 'forget':
        match.forget(command.recipient);
        break;
      case 'stop':
        this.#matches.delete(command.match);
        if (this.#matches.size === 0) this.#ticker.stop();
        break;
    }
  }

  #start(command: StartCommand): void {
    const game = findGame(command.game);
    const created = game?.kind === 'realtime' ? game.create(command.options, command.seed) : undefined;
    if (game?.kind !== 'realtime' || created === undefined || !created.ok) {
      // The server's thread created the same state before asking: only a mismatch of builds lands here.
      const failed = `cannot create a ${command.game} match with these options`;
      this.#report({ kind: 'tick', matches: [{ match: command.match, tick: 0, failed }], ticks: [] });
      return;
    }
    this.#matches.set(command.match, new MatchSimulation(game as RealtimeGame, command, created.value));
    this.#ticker.start();
  }

  /**
   * One tick of every match, in two phases timed apart (the ticker's figures): every match steps
   * (and its bots decide), then each match's news (snapshot frames, input changes, end) is
   * encoded and reported, with the ticker's figures every few ticks.
   */
  #tickAll(): void {
    const stepped = this.#stepped;
    const snapshots = this.#snapshots;
    const failed: Array<[MatchSimulation, unknown]> = [];
    for (const match of this.#matches.values()) {
      try {
        snapshots.push(match.step());
        stepped.push(match);
      } catch (error) {
        failed.push([match, error]);
      }
    }
    this.#ticker.lap();
    const reports: MatchTickReport[] = [];
    for (let i = 0; i < stepped.length; i++) {
      const match = stepped[i] as MatchSimulation;
      try {
        const report = match.report(snapshots[i]);
        if (report !== undefined) reports.push(report);
      } catch (error) {
        failed.push([match, error]);
      }
    }
    stepped.length = 0;
    snapshots.length = 0;
    for (const [match, error] of failed) {
      // A bug in one game must not stop every other match: this one ends, without a result.
      reports.push({
        match: match.id,
        tick: match.tick,
        failed: error instanceof Error ? error.message : String(error),
      });
    }
    for (const report of reports)
      if (report.outcome !== undefined || report.failed !== undefined) this.#matches.delete(report.match);
    const withFigures = (this.#ticker.ticks + 1) % FIGURES_EVERY === 0;
    if (withFigures || reports.length > 0) queueMicrotask(() => this.#handOff(reports, withFigures));
    const missed = this.#ticker.missed;
    if (missed !== this.#missedTold) {
      this.#missedTold = missed;
      queueMicrotask(() => this.#fellBehind(missed));
    }
    if (this.#matches.size === 0) this.#ticker.stop();
  }

  /**
   * Reports once the tick is over (and timed): posting wakes the server's thread, which the system
   * may run at once in this one's place (a wake-up preemption: 4 ms at the 99th percentile in
   * bench:tanks), and the tick's work is done by then; so is sorting the figures.
   */
  #handOff(matches: MatchTickReport[], withFigures: boolean): void {
    const ticks = this.#ticker.takeTicks();
    this.#report(
      withFigures
        ? { kind: 'tick', matches, ticks, figures: this.#ticker.figures() }
        : { kind: 'tick', matches, ticks },
    );
  }

  /**
   * The matches stepped this tick and the snapshot each took (or `undefined`), reused from tick to
   * tick: arrays, as a Map cleared and refilled at every tick made young collections slower.
   */
  readonly #stepped: MatchSimulation[] = [];
  readonly #snapshots: Array<Json | undefined> = [];
}
