import { type Static, type TObject, Type } from '@sinclair/typebox';

/** Game options by name, checked against the game's option specs (`game.list`). */
const GameOptions = Type.Record(Type.String(), Type.Unknown(), {
  description: 'Game options by name (see `game.list`); missing ones take their default.',
});

/** Time limits asked for a match. */
const ClockRequest = Type.Object(
  {
    moveMs: Type.Optional(
      Type.Integer({ minimum: 1000, maximum: 86_400_000, description: 'Most time for one move, in ms.' }),
    ),
    gameMs: Type.Optional(
      Type.Integer({
        minimum: 1000,
        maximum: 86_400_000,
        description: 'Most time for all of one player’s moves, in ms.',
      }),
    ),
  },
  { description: 'Time limits; absent: none. Running out of time loses the match.' },
);

/**
 * Every message a client may send (client → server), as JSON Schema (TypeBox). This object is the
 * single source: the runtime validator, the TypeScript types and the docs check all come from it.
 *
 * Field contents that have their own error code (nickname syntax, room names, text length, tokens)
 * are checked by the server, not here, so that the client gets that precise code; the frame size
 * bounds every string.
 */
export const clientMessageSchemas = {
  hello: Type.Object({
    protocol: Type.Integer({ minimum: 1, description: 'Protocol version the client speaks (1).' }),
    client: Type.Optional(Type.String({ maxLength: 64, description: 'Free-form client name and version.' })),
  }),
  ping: Type.Object({}),
  pong: Type.Object({}),
  'nick.set': Type.Object({ nick: Type.String({ description: 'The wanted nickname.' }) }),
  'chat.say': Type.Object({
    room: Type.Optional(Type.String({ description: 'Room to speak in; default `lobby`.' })),
    text: Type.String({ description: 'The message, at most `maxChatChars` characters.' }),
  }),
  'chat.tell': Type.Object({
    to: Type.String({ description: 'Nickname of the recipient.' }),
    text: Type.String({ description: 'The message, at most `maxChatChars` characters.' }),
  }),
  'room.join': Type.Object({
    room: Type.String({ description: 'Room to join (created if new).' }),
  }),
  'room.leave': Type.Object({ room: Type.String({ description: 'Room to leave.' }) }),
  'room.topic': Type.Object({
    room: Type.String({ description: 'A room the session is in.' }),
    topic: Type.String({
      description: 'The new topic, at most `maxTopicChars` characters; empty clears it.',
    }),
  }),
  'room.list': Type.Object({}),
  'game.list': Type.Object({}),
  'player.list': Type.Object({}),
  'challenge.send': Type.Object({
    to: Type.String({ description: 'Nickname of the player challenged (must be free).' }),
    game: Type.Optional(Type.String({ description: 'Game id from `game.list`; default `connect4`.' })),
    options: Type.Optional(GameOptions),
    clock: Type.Optional(ClockRequest),
  }),
  'computer.play': Type.Object({
    level: Type.Optional(
      Type.Union(
        [Type.Literal('easy'), Type.Literal('medium'), Type.Literal('hard'), Type.Literal('perfect')],
        {
          description: 'How strong the computer plays; default `medium`.',
        },
      ),
    ),
    game: Type.Optional(
      Type.String({ description: 'Game id; the computer plays `connect4` (the default).' }),
    ),
    options: Type.Optional(GameOptions),
    clock: Type.Optional(ClockRequest),
  }),
  'challenge.accept': Type.Object({
    from: Type.Optional(
      Type.String({ description: 'Whose challenge to accept; default the only (or latest) one.' }),
    ),
  }),
  'challenge.decline': Type.Object({
    from: Type.Optional(
      Type.String({ description: 'Whose challenge to decline; default the only (or latest) one.' }),
    ),
    reason: Type.Optional(Type.String({ maxLength: 200, description: 'Told to the challenger.' })),
  }),
  'challenge.cancel': Type.Object({
    to: Type.Optional(
      Type.String({
        description:
          'Whom the challenge to cancel was sent to; default every open challenge and private match of yours.',
      }),
    ),
  }),
  'queue.join': Type.Object({
    game: Type.Optional(Type.String({ description: 'Game id; default `connect4`.' })),
    clock: Type.Optional(ClockRequest),
  }),
  'queue.leave': Type.Object({}),
  'match.create': Type.Object({
    game: Type.Optional(Type.String({ description: 'Game id; default `connect4`.' })),
    options: Type.Optional(GameOptions),
    clock: Type.Optional(ClockRequest),
  }),
  'match.join': Type.Object({
    code: Type.String({ description: 'The join code of a private match (any case).' }),
  }),
  'match.move': Type.Object({
    match: Type.Optional(Type.String({ description: 'Match id; default the match you play.' })),
    move: Type.Optional(
      Type.Unknown({ description: 'The move in the game’s JSON form, e.g. `{"column": 4}`.' }),
    ),
    text: Type.Optional(
      Type.String({ maxLength: 64, description: 'Or the move in the game’s notation, e.g. `"4"`.' }),
    ),
    version: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: 'The version the move is meant for; refused with `MATCH_STALE_VERSION` if not current.',
      }),
    ),
  }),
  'match.resign': Type.Object({
    match: Type.Optional(Type.String({ description: 'Match id; default the match you play.' })),
  }),
  'match.rematch': Type.Object({
    match: Type.Optional(Type.String({ description: 'The id of your last match (the default).' })),
  }),
  'match.watch': Type.Object({ match: Type.String({ description: 'The id of a live public match.' }) }),
  'match.unwatch': Type.Object({ match: Type.String({ description: 'A match you watch.' }) }),
  'match.get': Type.Object({
    match: Type.Optional(
      Type.String({ description: 'Match id; default the match you play, or the one you watch.' }),
    ),
  }),
  'match.list': Type.Object({}),
  'table.create': Type.Object({
    game: Type.Optional(Type.String({ description: 'A real-time game id; default `tanks`.' })),
    options: Type.Optional(GameOptions),
    private: Type.Optional(
      Type.Boolean({ description: 'Not listed; joined with its code only. Default false.' }),
    ),
    bots: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 7, description: 'Seats the server fills with its own bots.' }),
    ),
  }),
  'table.list': Type.Object({
    game: Type.Optional(Type.String({ description: 'Only tables of this game.' })),
  }),
  'table.join': Type.Object({
    id: Type.Optional(Type.String({ description: 'A public table from `table.listing`.' })),
    code: Type.Optional(Type.String({ description: 'Or the join code of any table (any case).' })),
  }),
  'table.leave': Type.Object({}),
  'table.start': Type.Object({}),
  'match.input': Type.Object({
    match: Type.Optional(Type.String({ description: 'Match id; default the match you play.' })),
    seq: Type.Integer({
      description: 'Numbers your inputs 1, 2, 3, …; older or repeated ones are ignored.',
    }),
    input: Type.Unknown({
      description: 'The input in the game’s form (tanks: `throttle`, `turn`, `aim`, `fire`).',
    }),
    ack: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: 'The `tick` of the latest snapshot you have (see `match.ack`).',
      }),
    ),
  }),
  'match.ack': Type.Object({
    match: Type.Optional(Type.String({ description: 'Match id; default the match you play or watch.' })),
    tick: Type.Integer({
      minimum: 0,
      description: 'The `tick` of the latest snapshot you have: the next ones are sent as changes from it.',
    }),
  }),
  'record.list': Type.Object({
    player: Type.Optional(Type.String({ description: 'Only this player’s matches; default yours.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, description: 'Default 10.' })),
    before: Type.Optional(
      Type.Object(
        { endedAt: Type.Integer(), id: Type.String() },
        { description: 'The last record of the previous page.' },
      ),
    ),
  }),
  'record.get': Type.Object({ id: Type.String({ description: 'A match id from `record.listing`.' }) }),
  'analysis.get': Type.Object({
    position: Type.Optional(
      Type.String({
        maxLength: 42,
        description:
          'Connect Four columns played from the empty board, 1–7 (`"4453"`; `""`: the empty board).',
      }),
    ),
    match: Type.Optional(
      Type.String({
        description:
          'Instead of `position`: a live match or a record id; default the match you play, watch or last played.',
      }),
    ),
    ply: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 42,
        description:
          'With a match: the position after this many moves; default the current one (a finished match: before its last move).',
      }),
    ),
  }),
  'user.list': Type.Object({
    room: Type.Optional(Type.String({ description: 'Only the members of this room.' })),
  }),
  'session.resume': Type.Object({
    token: Type.String({ description: 'The resume token of the session to take back.' }),
    lastSeq: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: 'The last `seq` the client received; later events are replayed.',
      }),
    ),
    nick: Type.Optional(Type.String({ description: 'If given, the session must have this nickname.' })),
  }),
  'account.register': Type.Object({
    password: Type.String({
      description: 'The password protecting the current nickname (8 to 128 characters).',
    }),
  }),
  'account.login': Type.Object({
    nick: Type.String({ description: 'A registered nickname.' }),
    password: Type.String({ description: 'Its password.' }),
  }),
  'oper.login': Type.Object({ secret: Type.String({ description: 'The server’s operator secret.' }) }),
  'oper.list': Type.Object({}),
  'oper.suspend': Type.Object({
    nick: Type.String({ description: 'Who to mute (connected or not).' }),
    durationMs: Type.Optional(Type.Integer({ minimum: 1, description: 'How long; absent: until forgiven.' })),
    reason: Type.Optional(Type.String({ description: 'Shown to the user and kept in the audit log.' })),
  }),
  'oper.ban': Type.Object({
    target: Type.String({ description: 'A nickname, or an IP address (anything with `.` or `:`).' }),
    durationMs: Type.Optional(Type.Integer({ minimum: 1, description: 'How long; absent: until forgiven.' })),
    reason: Type.Optional(Type.String({ description: 'Shown to the user and kept in the audit log.' })),
  }),
  'oper.forgive': Type.Object({
    target: Type.String({
      description: 'A nickname or an IP address whose bans and suspensions are lifted.',
    }),
  }),
  'oper.kick': Type.Object({
    nick: Type.String({ description: 'Who to disconnect.' }),
    reason: Type.Optional(Type.String({ description: 'Shown to the user and kept in the audit log.' })),
  }),
  'oper.shutdown': Type.Object({
    message: Type.Optional(Type.String({ description: 'Told to every client before the server stops.' })),
  }),
  quit: Type.Object({
    message: Type.Optional(Type.String({ description: 'Parting words.' })),
  }),
} satisfies Record<string, TObject>;

/** The `type` of a client message. */
export type ClientMessageType = keyof typeof clientMessageSchemas;

/** A request id chosen by the client; replies carry it back as `re`. */
export const RequestIdSchema = Type.Union([
  Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
  Type.String({ minLength: 1, maxLength: 64 }),
]);
export type RequestId = Static<typeof RequestIdSchema>;

/** One client message of type `K`, as it is after validation (`data` always present). */
export type ClientMessageOf<K extends ClientMessageType> = {
  readonly type: K;
  readonly id?: RequestId;
  readonly data: Static<(typeof clientMessageSchemas)[K]>;
};

/** Any client message (client → server). */
export type ClientMessage = { [K in ClientMessageType]: ClientMessageOf<K> }[ClientMessageType];

/** The `data` of a client message of type `K`. */
export type ClientData<K extends ClientMessageType> = Static<(typeof clientMessageSchemas)[K]>;
