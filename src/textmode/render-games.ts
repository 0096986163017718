import { findGame, type GameDefinition, type OptionValues } from '../games/index.ts';
import type { ServerData, ServerMessage } from '../protocol/index.ts';
import type { RenderContext, TextStyle } from './render.ts';

type TurnBased = GameDefinition<unknown, unknown, unknown, OptionValues>;
type Challenge = ServerData<'challenge.sent'>['challenge'];
type Result = ServerData<'match.ended'>['result'];

const turnBased = (id: string): TurnBased | undefined => {
  const game = findGame(id);
  return game?.kind === 'turn-based' ? game : undefined;
};

const gameName = (id: string): string => findGame(id)?.name ?? id;

/** `42s`, `5m`, `1h 30m`: a time limit. */
const limit = (ms: number): string => {
  if (ms < 60_000) return `${Math.round(ms / 1000)}s`;
  if (ms < 3_600_000)
    return `${Math.floor(ms / 60_000)}m${ms % 60_000 ? ` ${Math.round((ms % 60_000) / 1000)}s` : ''}`;
  return `${Math.floor(ms / 3_600_000)}h${ms % 3_600_000 ? ` ${Math.round((ms % 3_600_000) / 60_000)}m` : ''}`;
};

const clockWords = (control: Challenge['timeControl']): string => {
  const parts = [
    control.gameMs === null ? '' : `${limit(control.gameMs)} per player`,
    control.moveMs === null ? '' : `${limit(control.moveMs)} per move`,
  ].filter((p) => p !== '');
  return parts.length === 0 ? 'no time limit' : parts.join(', ');
};

/** Who starts, in words, from the challenger's side (seat 0 is the challenger). */
const startWords = (c: Challenge, mine: boolean): string => {
  const first = c.options.firstSeat;
  const other = c.to ?? 'the other player';
  if (first === 0) return mine ? 'you move first' : `${c.from} moves first`;
  if (first === 1)
    return mine ? `${other} moves first` : c.to === null ? 'the joiner moves first' : 'you move first';
  return 'who moves first is drawn';
};

const describe = (c: Challenge, mine: boolean): string =>
  `${gameName(c.game)} (${startWords(c, mine)}; ${clockWords(c.timeControl)})`;

/** `1 move`, `2 moves`. */
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const reasonWords = (reason: string): string => reason.replace(/-/g, ' ');

const resultLine = (result: Result, me: string | null): string => {
  if (result.winner === null) return `Draw (${reasonWords(result.reason)}).`;
  const who = result.winner === me ? 'You win' : `${result.winner} wins`;
  const why: Record<string, string> = {
    resign: 'by resignation',
    time: 'on time',
    abandon: 'by abandonment',
  };
  return `${who} ${why[result.reason] ?? `(${reasonWords(result.reason)})`}.`;
};

/**
 * The board of a game view as lines, decorated by the style if it knows how; for a real-time game,
 * what its `renderText` shows of a snapshot (the tank arena: the scoreboard and the time left).
 */
const board = (game: string, view: unknown, style: TextStyle, names?: readonly string[]): string[] => {
  const definition = findGame(game);
  if (definition === undefined) return [];
  if (definition.kind === 'realtime') return definition.renderText?.(view, names).split('\n') ?? [];
  const plain = definition.renderText(view, names);
  return (style.board?.(game, view, plain) ?? plain).split('\n');
};

type TableInfo = ServerData<'table.joined'>['table'];

/** `alice, bob + 2 bots (4/6 seats)`: who is at a table. */
const tableWho = (t: TableInfo): string =>
  `${t.players.join(', ')}${t.bots === 0 ? '' : ` + ${plural(t.bots, 'bot')}`} (${t.players.length + t.bots}/${t.seats} seats)`;

/** Lines for tables of real-time games (H3), or undefined for any other message. */
const renderTableLines = (message: ServerMessage, style: TextStyle): string[] | undefined => {
  const notice = (text: string): string => style.notice(`* ${text}`);
  switch (message.type) {
    case 'table.joined': {
      const t = message.data.table;
      const code = t.code === null ? '' : ` Join code ${t.code}.`;
      return [
        notice(`You are at table ${t.id}: ${gameName(t.game)}, ${tableWho(t)}.${code}`),
        notice(`${t.host} starts it with /table start (it starts by itself when full); /table leave to go.`),
      ];
    }
    case 'table.updated': {
      const t = message.data.table;
      return [notice(`Table ${t.id}: ${tableWho(t)}, ${t.state === 'playing' ? 'playing' : 'waiting'}.`)];
    }
    case 'table.left':
      return [notice(`You left table ${message.data.table}.`)];
    case 'table.listing':
      return message.data.tables.length === 0
        ? [notice('No public table; /table new to open one.')]
        : [
            `Tables (${message.data.tables.length}), /table join ID:`,
            ...message.data.tables.map(
              (t) => `  ${t.id}  ${gameName(t.game)}  ${tableWho(t)}  ${t.state}  host ${t.host}`,
            ),
          ];
    case 'match.snapshot':
      // 20 a second: the terminal shows the scoreboard at the start and the end, not the stream.
      return [];
    default:
      return undefined;
  }
};

const at = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);

/** Replays a record with the game's rules: the final view, or nothing if the game is unknown. */
const replayFinal = (record: ServerData<'record.match'>['record']): unknown => {
  const game = turnBased(record.game);
  if (game === undefined) return undefined;
  const created = game.create(record.options as OptionValues, record.seed);
  if (!created.ok) return undefined;
  let state = created.value;
  for (const raw of record.moves) {
    const move = game.parseMove(raw);
    const seat = game.toMove(state);
    if (!move.ok || seat === null) break;
    const next = game.play(state, seat, move.value);
    if (!next.ok) break;
    state = next.value;
  }
  return game.view(state, 'spectator');
};

/** Lines for the game messages (E–F), or undefined for any other message. */
export const renderGameLines = (
  message: ServerMessage,
  context: RenderContext,
  style: TextStyle,
): string[] | undefined => {
  const notice = (text: string): string => style.notice(`* ${text}`);
  const me = context.nick;
  const table = renderTableLines(message, style);
  if (table !== undefined) return table;
  switch (message.type) {
    case 'player.listing':
      return message.data.players.length === 0
        ? [notice('Nobody else is free right now; /queue to wait for an opponent.')]
        : [
            `Free players (${message.data.players.length}):`,
            ...message.data.players.map(
              (p) => `  ${style.nick(p.nick)}${p.rating === null ? '' : `  ${p.rating}`}`,
            ),
          ];
    case 'challenge.sent': {
      const c = message.data.challenge;
      return [
        notice(
          `You challenged ${style.nick(c.to ?? '?')} to ${describe(c, true)}. Waiting for an answer; /cancel to withdraw.`,
        ),
      ];
    }
    case 'challenge.received': {
      const c = message.data.challenge;
      return [
        notice(
          `${style.nick(c.from)} challenges you to ${describe(c, false)}. Type /accept ${c.from} or /decline ${c.from} [REASON].`,
        ),
      ];
    }
    case 'challenge.declined': {
      const { challenge: c, reason } = message.data;
      const why = reason === '' ? '' : `: ${reason}`;
      return c.from === me
        ? [notice(`${style.nick(c.to ?? '?')} declined your challenge${why}`)]
        : [notice(`You declined the challenge of ${style.nick(c.from)}.`)];
    }
    case 'challenge.cancelled': {
      const { challenge: c, reason } = message.data;
      const what = c.code === null ? 'challenge' : `private match ${c.code}`;
      if (reason === 'cancelled') {
        return c.from === me
          ? [notice(`You withdrew your ${what}.`)]
          : [notice(`${style.nick(c.from)} withdrew the challenge.`)];
      }
      const who = c.from === me ? c.to : c.from;
      return [
        notice(
          `The ${what} ${c.from === me ? `to ${who ?? 'anyone'}` : `from ${c.from}`} is off: ${reason === 'busy' ? 'a player started another match' : 'a player left'}.`,
        ),
      ];
    }
    case 'challenge.expired': {
      const c = message.data.challenge;
      return [
        notice(
          c.code !== null
            ? `Your private match ${c.code} expired: nobody joined.`
            : c.from === me
              ? `Your challenge to ${c.to} expired unanswered.`
              : `The challenge from ${c.from} expired.`,
        ),
      ];
    }
    case 'queue.joined':
      return [
        notice(
          `Waiting for a ${gameName(message.data.game)} opponent (${message.data.waiting} waiting); /unqueue to stop.`,
        ),
      ];
    case 'queue.left':
      return [notice(`You left the ${gameName(message.data.game)} queue.`)];
    case 'match.created': {
      const c = message.data.challenge;
      return [
        notice(`Private match created: ${describe(c, true)}.`),
        notice(`Join code: ${c.code}. The other player types: /code ${c.code}`),
      ];
    }
    case 'match.started': {
      const { match, view } = message.data;
      const role = match.seat === null ? 'You watch' : `You are seat ${match.seat}`;
      return [
        notice(
          `Match ${match.id} started: ${match.players.join(' vs ')}, ${gameName(match.game)}, ${clockWords(match.timeControl)}. ${role}.`,
        ),
        ...board(match.game, view, style, match.players),
        notice(
          match.realtime === undefined
            ? `/play N to move, /resign to give up, /board to see the board. Lines you type now go to the match room ${style.room(`#${match.room}`)}.`
            : `A real-time match: play it in the browser or with a bot (parlor bot --game ${match.game}); /board shows the score. Lines you type go to ${style.room(`#${match.room}`)}.`,
        ),
      ];
    }
    case 'match.update': {
      const { by, text, game, view } = message.data;
      return [
        notice(`${by === me ? 'You play' : `${style.nick(by)} plays`} ${text}`),
        ...board(game, view, style, context.matchPlayers?.get(message.data.match)),
      ];
    }
    case 'match.state': {
      const { match, view, moves, spectators, away, result } = message.data;
      const status =
        result === null ? `${plural(moves.length, 'move')}, ${spectators} watching` : resultLine(result, me);
      return [
        notice(`Match ${match.id}: ${match.players.join(' vs ')}, ${gameName(match.game)}. ${status}`),
        ...(away.length === 0 ? [] : [notice(`Away (may come back): ${away.join(', ')}`)]),
        ...board(match.game, view, style, match.players),
      ];
    }
    case 'match.ended': {
      const { result, match, record, game, view } = message.data;
      if (findGame(game)?.kind === 'realtime') {
        return [
          notice(`Match ${match} is over. ${resultLine(result, me)}`),
          ...board(game, view, style, context.matchPlayers?.get(match)),
          notice('The table is waiting again: its host plays again with /table start.'),
        ];
      }
      return [
        notice(`Match ${match} is over. ${resultLine(result, me)}`),
        notice(`/rematch to play again, /replay ${record} to review it.`),
      ];
    }
    case 'match.player_away':
      return [
        notice(
          `${style.nick(message.data.nick)} lost the connection; they lose by abandonment in ${limit(message.data.graceMs)} unless they come back.`,
        ),
      ];
    case 'match.player_back':
      return [notice(`${style.nick(message.data.nick)} is back in the match.`)];
    case 'match.rematch_offered':
      return message.data.by === me
        ? [notice('You offered a rematch; waiting for the other player.')]
        : [notice(`${style.nick(message.data.by)} offers a rematch: /rematch to accept.`)];
    case 'match.unwatched':
      return [notice(`You stopped watching match ${message.data.match}.`)];
    case 'match.listing':
      return message.data.matches.length === 0
        ? [notice('No public match is being played.')]
        : [
            `Live matches (${message.data.matches.length}), /watch ID:`,
            ...message.data.matches.map(
              (m) =>
                `  ${m.id}  ${m.game}  ${m.players.join(' vs ')}  ${plural(m.moves, 'move')}  ${m.spectators} watching`,
            ),
          ];
    case 'record.listing':
      return message.data.records.length === 0
        ? [notice('No finished match yet.')]
        : [
            `Finished matches (${message.data.records.length}), /replay ID:`,
            ...message.data.records.map(
              (r) =>
                `  ${r.id}  ${at(r.endedAt)}  ${r.game}  ${r.players.join(' vs ')}  ${r.winner === null ? 'draw' : `${r.winner} won`} (${reasonWords(r.reason)}), ${plural(r.moves, 'move')}`,
            ),
          ];
    case 'record.match': {
      const r = message.data.record;
      const game = turnBased(r.game);
      const moves = r.moves.map((raw, i) => {
        const parsed = game?.parseMove(raw);
        return `${i + 1}.${parsed?.ok ? game?.makeMoveText(parsed.value) : JSON.stringify(raw)}`;
      });
      const final = replayFinal(r);
      return [
        notice(`Match ${r.id}, ${at(r.startedAt)}: ${r.players.join(' vs ')}, ${gameName(r.game)}.`),
        notice(
          `${r.winner === null ? `Draw (${reasonWords(r.reason)})` : `${r.winner} won (${reasonWords(r.reason)})`}.`,
        ),
        `Moves: ${moves.join(' ') || '(none)'}`,
        ...(final === undefined ? [] : board(r.game, final, style, r.players)),
      ];
    }
    case 'analysis.result':
      return analysisLines(message.data);
    default:
      return undefined;
  }
};

/** A column's score for the player to move: `+3`, `0`, `-2`, or the proven range `-9..+3`. */
const scoreCell = (c: ServerData<'analysis.result'>['columns'][number]): string => {
  const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));
  return c.lower === c.upper ? signed(c.lower) : `${signed(c.lower)}..${signed(c.upper)}`;
};

/** What a score means (Pascal Pons' convention: a sooner win scores higher). */
const scoreWords = (score: number, stones: number): string => {
  if (score === 0) return 'a draw with best play';
  // s > 0: the player to move wins with their (22 − s)-th stone; they have played stones / 2.
  if (score > 0) return `a win with their ${plural(22 - score - (stones >> 1), 'more move')}`;
  // s < 0: the opponent wins with their (22 + s)-th stone; they have played (stones + 1) / 2.
  return `a loss to the opponent's ${plural(22 + score - ((stones + 1) >> 1), 'more move')} at best`;
};

const analysisLines = (data: ServerData<'analysis.result'>): string[] => {
  const stones = data.position.length;
  const head = `Analysis of ${data.match === undefined ? '' : `match ${data.match}, `}position "${data.position}" (${plural(stones, 'stone')}), for the player to move:`;
  if (data.columns.length === 0) return [head, '  The board is full: a draw.'];
  const cells = data.columns.map((c) => ({ label: String(c.column), score: scoreCell(c) }));
  const width = Math.max(...cells.map((c) => c.score.length), 1) + 1;
  return [
    head,
    `  column ${cells.map((c) => c.label.padStart(width)).join('')}`,
    `  score  ${cells.map((c) => c.score.padStart(width)).join('')}`,
    data.score === null
      ? `  Not solved in time (${data.explored.toLocaleString('en-US')} positions explored): the ranges are what is proven.`
      : `  Best: column ${data.best.join(', ')}: ${scoreWords(data.score, stones)}.${data.complete ? '' : ' (Ranges: scores not proven exactly in time.)'}`,
  ];
};
