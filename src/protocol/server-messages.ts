import { type Static, type TObject, Type } from '@sinclair/typebox';
import type { RequestIdSchema } from './client-messages.ts';
import { ErrorCode } from './error-codes.ts';

/** What a user is doing (C3). `playing` and `away` are set by the games and resume features. */
export const UserState = { FREE: 'free', PLAYING: 'playing', AWAY: 'away' } as const;
export type UserState = (typeof UserState)[keyof typeof UserState];

const UserStateSchema = Type.Union(Object.values(UserState).map((s) => Type.Literal(s)));
const ErrorCodeSchema = Type.Union(Object.values(ErrorCode).map((c) => Type.Literal(c)));
const Nick = Type.String({ description: 'A nickname.' });
const Room = Type.String({ description: 'A room name (lowercase, without `#`).' });
const At = Type.Integer({ description: 'Server time in milliseconds since the Unix epoch.' });
const Member = Type.Object({ nick: Nick, state: UserStateSchema });

const MatchId = Type.String({ description: 'A match id.' });
const GameId = Type.String({ description: 'A game id from `game.list`, e.g. `connect4`.' });
const Options = Type.Record(Type.String(), Type.Unknown(), {
  description: 'The game options in force (defaults filled in).',
});
const Version = Type.Integer({ description: 'The state version: 0 at the start, +1 per move.' });
const View = Type.Unknown({
  description: 'What the recipient may see of the game state, in the game’s own form (see the game’s docs).',
});
const NickOrNull = Type.Union([Nick, Type.Null()]);
const TimeControl = Type.Object(
  {
    moveMs: Type.Union([Type.Integer(), Type.Null()], { description: 'Most time for one move; null: none.' }),
    gameMs: Type.Union([Type.Integer(), Type.Null()], {
      description: 'Most time for all of one player’s moves; null: none.',
    }),
  },
  { description: 'The time limits of the match.' },
);
const ClockState = Type.Object(
  {
    remainingMs: Type.Array(Type.Union([Type.Integer(), Type.Null()]), {
      description: 'Game time left per seat at the last move (null without a game limit).',
    }),
    deadlineAt: Type.Union([At, Type.Null()], {
      description: 'When the seat to move loses on time; null without limits or once over.',
    }),
  },
  { description: 'The clocks, as of this message.' },
);
const Challenge = Type.Object(
  {
    id: Type.String({ description: 'Challenge id.' }),
    from: Nick,
    to: Type.Union([Nick, Type.Null()], { description: 'Null for a private match (joined by code).' }),
    code: Type.Union([Type.String(), Type.Null()], { description: 'The join code of a private match.' }),
    game: GameId,
    options: Options,
    timeControl: TimeControl,
    expiresAt: At,
  },
  { description: 'An open challenge or private match; its creator takes seat 0.' },
);
const MatchInfo = Type.Object(
  {
    id: MatchId,
    game: GameId,
    options: Options,
    players: Type.Array(Nick, { description: 'The player at each seat (index = seat).' }),
    seat: Type.Union([Type.Integer(), Type.Null()], {
      description: 'The recipient’s seat; null for a spectator.',
    }),
    room: Room,
    timeControl: TimeControl,
    private: Type.Boolean({ description: 'Started from a join code: not listed, not watchable.' }),
    startedAt: At,
    realtime: Type.Optional(
      Type.Object(
        {
          tickRateHz: Type.Integer({ description: 'Simulation steps per second.' }),
          snapshotRateHz: Type.Integer({ description: '`match.snapshot` messages per second.' }),
        },
        { description: 'Real-time games only: the rates of the match.' },
      ),
    ),
  },
  { description: 'What a match is: game, options, players. Its chat is the room `room`.' },
);
const MatchResult = Type.Object({
  winner: NickOrNull,
  seat: Type.Union([Type.Integer(), Type.Null()], { description: 'The winning seat; null for a draw.' }),
  reason: Type.String({
    description:
      'The game’s reason (`four-in-a-row`, `board-full`, …) or `resign`, `time`, `abandon`, `aborted`.',
  }),
});
const MatchSummary = Type.Object({
  id: MatchId,
  game: GameId,
  players: Type.Array(Nick),
  spectators: Type.Integer(),
  moves: Type.Integer({ description: 'Moves played so far.' }),
  startedAt: At,
});
const TableInfo = Type.Object(
  {
    id: Type.String({ description: 'Table id.' }),
    game: GameId,
    options: Options,
    host: Nick,
    players: Type.Array(Nick, { description: 'The people at the table, the host first.' }),
    bots: Type.Integer({ description: 'Seats the server fills with its bots.' }),
    seats: Type.Integer({ description: 'Seats in all (the `seats` option): it starts by itself when full.' }),
    private: Type.Boolean(),
    code: Type.Union([Type.String(), Type.Null()], {
      description: 'The join code; sent to the people at the table only (null in listings).',
    }),
    state: Type.Union([Type.Literal('waiting'), Type.Literal('playing')]),
    match: Type.Union([MatchId, Type.Null()], { description: 'The match being played, if any.' }),
  },
  { description: 'A table of a real-time game: people gather there, then play one match after another.' },
);
const RecordSummary = Type.Object({
  id: MatchId,
  game: GameId,
  players: Type.Array(Nick),
  winner: NickOrNull,
  reason: Type.String(),
  moves: Type.Integer({ description: 'Number of moves.' }),
  startedAt: At,
  endedAt: At,
});

/** Why someone left a room. */
export const LeaveReason = { LEFT: 'left', QUIT: 'quit', LOST: 'lost' } as const;
export type LeaveReason = (typeof LeaveReason)[keyof typeof LeaveReason];

/**
 * Every message the server may send (server → client), as JSON Schema (TypeBox): the one source for
 * types, the client library's checks and the docs check.
 */
export const serverMessageSchemas = {
  welcome: Type.Object({
    protocol: Type.Integer({ description: 'Protocol version the server speaks.' }),
    server: Type.String({ description: 'Server name and version.' }),
    limits: Type.Object(
      {
        maxFrameBytes: Type.Integer({ description: 'Longest accepted line or frame, in bytes.' }),
        maxChatChars: Type.Integer({ description: 'Longest chat message, in characters.' }),
        pingIntervalMs: Type.Integer({ description: 'Idle time after which the server pings.' }),
        pingMissLimit: Type.Integer({ description: 'Unanswered pings before the connection is dropped.' }),
        chatBurst: Type.Integer({ description: 'Chat messages that may be sent at once (flood control).' }),
        chatPerSecond: Type.Number({ description: 'Sustained chat messages per second (flood control).' }),
        messageBurst: Type.Integer({
          description: 'Messages of any kind that may be sent at once (flood control).',
        }),
        messagePerSecond: Type.Number({
          description: 'Sustained messages of any kind per second (flood control).',
        }),
        floodMaxRefusals: Type.Integer({
          description: 'Refused messages in a row before the connection is closed.',
        }),
        maxTopicChars: Type.Integer({ description: 'Longest room topic, in characters.' }),
        maxRoomsPerSession: Type.Integer({
          description: 'Rooms a session may be in at once, the lobby included.',
        }),
        resumeGraceMs: Type.Integer({
          description: 'How long a dropped session is held for `session.resume`.',
        }),
        replayLimit: Type.Integer({
          description:
            'Most messages kept for replay to a resuming session (those not yet acknowledged by a pong).',
        }),
      },
      { description: 'Limits in force for this connection.' },
    ),
    resumeToken: Type.String({
      description: 'Secret that lets this session be resumed after a drop (`session.resume`).',
    }),
  }),
  error: Type.Object({
    code: ErrorCodeSchema,
    message: Type.String({ description: 'Human-readable explanation.' }),
    fatal: Type.Boolean({ description: 'True when the server closes the connection after this message.' }),
    path: Type.Optional(
      Type.String({ description: 'For `PROTO_BAD_MESSAGE`: JSON pointer to the bad field.' }),
    ),
  }),
  ping: Type.Object({}),
  pong: Type.Object({}),
  'nick.accepted': Type.Object({
    nick: Nick,
    previous: Type.Union([Nick, Type.Null()], { description: 'The former nickname, or null for the first.' }),
  }),
  'user.renamed': Type.Object({ from: Nick, to: Nick }),
  'user.state': Type.Object({ nick: Nick, state: UserStateSchema }),
  'user.states': Type.Object({
    users: Type.Array(Member, {
      description:
        'Users who started or finished a match (`playing` / `free`) since the last digest, with their state now.',
    }),
  }),
  'session.resumed': Type.Object({
    nick: Type.Union([Nick, Type.Null()], { description: 'The nickname of the resumed session.' }),
    token: Type.String({ description: 'The new resume token; the one just used is spent.' }),
    missed: Type.Integer({
      description: 'Events replayed just before this message (with their original `seq`).',
    }),
    overflow: Type.Boolean({
      description:
        'True when more events were missed than the server keeps: a fresh full state follows instead.',
    }),
  }),
  'room.joined': Type.Object({
    room: Room,
    topic: Type.String({ description: 'The room topic ("" when none).' }),
    members: Type.Array(Member, { description: 'Everyone in the room, the joiner included.' }),
  }),
  'room.left': Type.Object({ room: Room }),
  'room.member_joined': Type.Object({ room: Room, nick: Nick }),
  'room.member_left': Type.Object({
    room: Room,
    nick: Nick,
    reason: Type.Union(
      Object.values(LeaveReason).map((r) => Type.Literal(r)),
      {
        description: '`left` the room, `quit` the server, or connection `lost`.',
      },
    ),
  }),
  'room.topic': Type.Object({ room: Room, topic: Type.String(), by: Nick }),
  'room.listing': Type.Object({
    rooms: Type.Array(
      Type.Object({
        name: Room,
        members: Type.Integer({ description: 'Member count.' }),
        topic: Type.String(),
      }),
    ),
  }),
  'game.listing': Type.Object({
    games: Type.Array(
      Type.Object({
        id: Type.String({ description: 'The game id used to start or challenge, e.g. `connect4`.' }),
        name: Type.String({ description: 'The name shown to people.' }),
        kind: Type.Union([Type.Literal('turn-based'), Type.Literal('realtime')]),
        seats: Type.Object(
          { min: Type.Integer(), max: Type.Integer() },
          { description: 'How many players a match takes.' },
        ),
        options: Type.Record(Type.String(), Type.Unknown(), {
          description:
            'Each option by name: `type`, `default`, `help`, and `values`, `min`/`max` or `maxLength`.',
        }),
        tickRateHz: Type.Optional(
          Type.Integer({ description: 'Real-time games: simulation steps per second.' }),
        ),
      }),
      { description: 'Every game the server offers, in the order it lists them.' },
    ),
  }),
  'player.listing': Type.Object({
    players: Type.Array(
      Type.Object({
        nick: Nick,
        rating: Type.Union([Type.Integer(), Type.Null()], { description: 'Null until ratings exist.' }),
      }),
      { description: 'Free players (not in a match, not away), the asker excluded, by nickname.' },
    ),
  }),
  'challenge.sent': Type.Object({ challenge: Challenge }),
  'challenge.received': Type.Object({ challenge: Challenge }),
  'challenge.declined': Type.Object({
    challenge: Challenge,
    reason: Type.String({ description: 'The reason given by the challenged player ("" if none).' }),
  }),
  'challenge.cancelled': Type.Object({
    challenge: Challenge,
    reason: Type.Union([Type.Literal('cancelled'), Type.Literal('busy'), Type.Literal('gone')], {
      description: '`cancelled` by the challenger, one side became `busy` (in a match), or `gone`.',
    }),
  }),
  'challenge.expired': Type.Object({ challenge: Challenge }),
  'queue.joined': Type.Object({
    game: GameId,
    waiting: Type.Integer({ description: 'Players waiting in this queue, you included.' }),
  }),
  'queue.left': Type.Object({ game: GameId }),
  'match.created': Type.Object({ challenge: Challenge }),
  'match.started': Type.Object({ match: MatchInfo, version: Version, view: View, clock: ClockState }),
  'match.update': Type.Object({
    match: MatchId,
    game: GameId,
    version: Version,
    seat: Type.Integer({ description: 'The seat that moved.' }),
    by: Nick,
    move: Type.Unknown({ description: 'The move in the game’s JSON form.' }),
    text: Type.String({ description: 'The move in the game’s notation.' }),
    view: View,
    clock: ClockState,
  }),
  'match.state': Type.Object({
    match: MatchInfo,
    version: Version,
    view: View,
    moves: Type.Array(Type.Unknown(), { description: 'Every move so far, in JSON form.' }),
    spectators: Type.Integer(),
    away: Type.Array(Nick, { description: 'Players whose connection dropped (they may come back).' }),
    clock: ClockState,
    result: Type.Union([MatchResult, Type.Null()], { description: 'Null while the match runs.' }),
  }),
  'match.ended': Type.Object({
    match: MatchId,
    game: GameId,
    result: MatchResult,
    view: View,
    record: Type.String({ description: 'The id to fetch the record with (`record.get`).' }),
  }),
  'match.player_away': Type.Object({
    match: MatchId,
    nick: Nick,
    graceMs: Type.Integer({ description: 'Time left before the player loses by abandonment.' }),
  }),
  'match.player_back': Type.Object({ match: MatchId, nick: Nick }),
  'match.rematch_offered': Type.Object({ match: MatchId, by: Nick }),
  'match.unwatched': Type.Object({ match: MatchId }),
  'match.snapshot': Type.Object({
    match: MatchId,
    tick: Type.Integer({ description: 'The game tick this snapshot shows.' }),
    base: Type.Union([Type.Integer(), Type.Null()], {
      description:
        'Null: `data` is the whole snapshot. Else `data` is the change from your snapshot of tick `base`.',
    }),
    ack: Type.Union([Type.Integer(), Type.Null()], {
      description: 'The `seq` of your last input applied by this tick (players), for reconciliation.',
    }),
    data: Type.Unknown({
      description: 'The snapshot in the game’s form, or its change (see the delta format).',
    }),
  }),
  'table.joined': Type.Object({ table: TableInfo }),
  'table.updated': Type.Object({ table: TableInfo }),
  'table.left': Type.Object({ table: Type.String({ description: 'The id of the table left.' }) }),
  'table.listing': Type.Object({
    tables: Type.Array(TableInfo, { description: 'Public tables, waiting ones first.' }),
  }),
  'match.listing': Type.Object({
    matches: Type.Array(MatchSummary, { description: 'Live public matches, oldest first.' }),
  }),
  'record.listing': Type.Object({
    records: Type.Array(RecordSummary, { description: 'Finished matches, newest first.' }),
  }),
  'record.match': Type.Object({
    record: Type.Object({
      id: MatchId,
      game: GameId,
      options: Options,
      seed: Type.Integer({ description: 'The seed the game was created with.' }),
      players: Type.Array(Nick),
      moves: Type.Array(Type.Unknown(), { description: 'The moves in JSON form, in order.' }),
      moveTimes: Type.Array(At, { description: 'When each move was played.' }),
      winner: NickOrNull,
      seat: Type.Union([Type.Integer(), Type.Null()]),
      reason: Type.String(),
      timeControl: TimeControl,
      startedAt: At,
      endedAt: At,
    }),
  }),
  'analysis.result': Type.Object({
    position: Type.String({ description: 'The position analysed, in column notation.' }),
    match: Type.Optional(MatchId),
    columns: Type.Array(
      Type.Object({
        column: Type.Integer({ minimum: 1, maximum: 7 }),
        lower: Type.Integer({ description: 'Proven lower bound of the score of playing this column.' }),
        upper: Type.Integer({ description: 'Proven upper bound; equal to `lower` when the score is exact.' }),
      }),
      { description: 'Every playable column, left to right; scores for the player to move.' },
    ),
    score: Type.Union([Type.Integer(), Type.Null()], {
      description: 'The score of the position (its best column), or null when not proven in time.',
    }),
    best: Type.Array(Type.Integer(), { description: 'The columns proven to have the best score.' }),
    complete: Type.Boolean({ description: 'True when every column’s score is exact.' }),
    explored: Type.Integer({ description: 'Positions the solver explored.' }),
  }),
  'user.listing': Type.Object({
    users: Type.Array(Member, { description: 'Connected users with a nickname, sorted by nickname.' }),
  }),
  'chat.message': Type.Object({ room: Room, from: Nick, text: Type.String(), at: At }),
  'chat.private': Type.Object({ from: Nick, to: Nick, text: Type.String(), at: At }),
  'account.registered': Type.Object({ nick: Nick }),
  'account.logged_in': Type.Object({
    nick: Nick,
    previous: Type.Union([Nick, Type.Null()], {
      description: 'The former nickname of the session, or null.',
    }),
  }),
  'oper.granted': Type.Object({}),
  'oper.users': Type.Object({
    users: Type.Array(
      Type.Object({
        nick: Nick,
        address: Type.Union([Type.String(), Type.Null()], { description: 'IP address; null while away.' }),
        transport: Type.Union([Type.Literal('tcp'), Type.Literal('ws'), Type.Null()], {
          description: 'Null while away.',
        }),
        mode: Type.Union([Type.Literal('json'), Type.Literal('text'), Type.Null()], {
          description: 'Null while away.',
        }),
        idleMs: Type.Integer({ description: 'Time since the user last sent anything.' }),
        state: UserStateSchema,
        operator: Type.Boolean(),
        account: Type.Boolean({ description: 'Logged in to a registered account.' }),
        suspendedUntil: Type.Union([At, Type.Null()], {
          description: 'End of a suspension (far future if indefinite).',
        }),
      }),
    ),
  }),
  'oper.done': Type.Object({
    action: Type.String({ description: 'The command: `suspend`, `ban`, `forgive`, `kick` or `shutdown`.' }),
    target: Type.Union([Type.String(), Type.Null()]),
    summary: Type.String({ description: 'What was done, in words.' }),
  }),
  'moderation.suspended': Type.Object({
    until: Type.Union([At, Type.Null()], { description: 'When it ends; null: until an operator forgives.' }),
    by: Nick,
    reason: Type.String(),
  }),
  'moderation.forgiven': Type.Object({ by: Nick }),
  bye: Type.Object({ message: Type.String({ description: 'Why the connection ends.' }) }),
} satisfies Record<string, TObject>;

/** The `type` of a server message. */
export type ServerMessageType = keyof typeof serverMessageSchemas;

/** The `data` of a server message of type `K`. */
export type ServerData<K extends ServerMessageType> = Static<(typeof serverMessageSchemas)[K]>;

/**
 * One server message of type `K`. `re` is present on replies to a request that had an `id`; `seq`
 * numbers every message of a session except `ping` and `pong` (1, 2, 3, … per session).
 */
export type ServerMessageOf<K extends ServerMessageType> = {
  readonly type: K;
  readonly seq?: number;
  readonly re?: Static<typeof RequestIdSchema>;
  readonly data: ServerData<K>;
};

/** Any server message (server → client). */
export type ServerMessage = { [K in ServerMessageType]: ServerMessageOf<K> }[ServerMessageType];
