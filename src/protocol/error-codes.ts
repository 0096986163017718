/**
 * The one catalog of error codes. Every rejection the server sends carries one of these codes,
 * a human message and, for requests with an `id`, `re`. docs/protocol.md has one section per code
 * (checked by test/docs/protocol-doc.test.ts).
 *
 * `fatal` codes are followed by the server closing the connection.
 */
export const ErrorCode = {
  PROTO_BAD_JSON: 'PROTO_BAD_JSON',
  PROTO_BAD_MESSAGE: 'PROTO_BAD_MESSAGE',
  PROTO_UNKNOWN_TYPE: 'PROTO_UNKNOWN_TYPE',
  PROTO_FRAME_TOO_LARGE: 'PROTO_FRAME_TOO_LARGE',
  PROTO_HANDSHAKE_REQUIRED: 'PROTO_HANDSHAKE_REQUIRED',
  PROTO_ALREADY_HELLO: 'PROTO_ALREADY_HELLO',
  PROTO_VERSION_UNSUPPORTED: 'PROTO_VERSION_UNSUPPORTED',
  NICK_REQUIRED: 'NICK_REQUIRED',
  NICK_INVALID: 'NICK_INVALID',
  NICK_TAKEN: 'NICK_TAKEN',
  NICK_REGISTERED: 'NICK_REGISTERED',
  USER_NOT_FOUND: 'USER_NOT_FOUND',
  ACCOUNT_EXISTS: 'ACCOUNT_EXISTS',
  ACCOUNT_BAD_PASSWORD: 'ACCOUNT_BAD_PASSWORD',
  AUTH_FAILED: 'AUTH_FAILED',
  OPER_DENIED: 'OPER_DENIED',
  OPER_REQUIRED: 'OPER_REQUIRED',
  OPER_BAD_TARGET: 'OPER_BAD_TARGET',
  CHAT_SUSPENDED: 'CHAT_SUSPENDED',
  BANNED: 'BANNED',
  KICKED: 'KICKED',
  ROOM_INVALID_NAME: 'ROOM_INVALID_NAME',
  ROOM_NOT_MEMBER: 'ROOM_NOT_MEMBER',
  ROOM_NOT_FOUND: 'ROOM_NOT_FOUND',
  ROOM_TOO_MANY: 'ROOM_TOO_MANY',
  ROOM_LOBBY_PERMANENT: 'ROOM_LOBBY_PERMANENT',
  ROOM_TOPIC_TOO_LONG: 'ROOM_TOPIC_TOO_LONG',
  ROOM_CLOSED: 'ROOM_CLOSED',
  CHAT_EMPTY: 'CHAT_EMPTY',
  CHAT_TOO_LONG: 'CHAT_TOO_LONG',
  RATE_LIMITED: 'RATE_LIMITED',
  RATE_LIMIT_EXCEEDED: 'RATE_LIMIT_EXCEEDED',
  LIMIT_TOO_MANY_CONNECTIONS: 'LIMIT_TOO_MANY_CONNECTIONS',
  LIMIT_SEND_BUFFER_FULL: 'LIMIT_SEND_BUFFER_FULL',
  HEARTBEAT_TIMEOUT: 'HEARTBEAT_TIMEOUT',
  RESUME_INVALID_TOKEN: 'RESUME_INVALID_TOKEN',
  RESUME_EXPIRED: 'RESUME_EXPIRED',
  RESUME_NICK_MISMATCH: 'RESUME_NICK_MISMATCH',
  SESSION_REPLACED: 'SESSION_REPLACED',
  GAME_UNKNOWN: 'GAME_UNKNOWN',
  GAME_BAD_OPTIONS: 'GAME_BAD_OPTIONS',
  GAME_BAD_MOVE: 'GAME_BAD_MOVE',
  GAME_ILLEGAL_MOVE: 'GAME_ILLEGAL_MOVE',
  GAME_NOT_YOUR_TURN: 'GAME_NOT_YOUR_TURN',
  GAME_OVER: 'GAME_OVER',
  PLAYER_BUSY: 'PLAYER_BUSY',
  CHALLENGE_SELF: 'CHALLENGE_SELF',
  CHALLENGE_PENDING: 'CHALLENGE_PENDING',
  CHALLENGE_NOT_FOUND: 'CHALLENGE_NOT_FOUND',
  QUEUE_ALREADY: 'QUEUE_ALREADY',
  QUEUE_NOT_IN: 'QUEUE_NOT_IN',
  JOIN_CODE_INVALID: 'JOIN_CODE_INVALID',
  TABLE_NOT_FOUND: 'TABLE_NOT_FOUND',
  TABLE_FULL: 'TABLE_FULL',
  TABLE_NOT_HOST: 'TABLE_NOT_HOST',
  TABLE_BUSY: 'TABLE_BUSY',
  TABLE_NOT_IN: 'TABLE_NOT_IN',
  TABLE_TOO_FEW: 'TABLE_TOO_FEW',
  GAME_BAD_INPUT: 'GAME_BAD_INPUT',
  MATCH_WRONG_KIND: 'MATCH_WRONG_KIND',
  MATCH_BAD_SEQUENCE: 'MATCH_BAD_SEQUENCE',
  MATCH_NOT_FOUND: 'MATCH_NOT_FOUND',
  MATCH_NOT_PLAYER: 'MATCH_NOT_PLAYER',
  MATCH_STALE_VERSION: 'MATCH_STALE_VERSION',
  MATCH_WATCH_DENIED: 'MATCH_WATCH_DENIED',
  REMATCH_UNAVAILABLE: 'REMATCH_UNAVAILABLE',
  RECORD_NOT_FOUND: 'RECORD_NOT_FOUND',
  ANALYSIS_BAD_POSITION: 'ANALYSIS_BAD_POSITION',
  ANALYSIS_UNSUPPORTED: 'ANALYSIS_UNSUPPORTED',
  ANALYSIS_BUSY: 'ANALYSIS_BUSY',
  TEXT_UNKNOWN_COMMAND: 'TEXT_UNKNOWN_COMMAND',
  TEXT_USAGE: 'TEXT_USAGE',
  SERVER_SHUTTING_DOWN: 'SERVER_SHUTTING_DOWN',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** What each code means, and whether the connection is closed after it. */
export const errorCatalog: Readonly<
  Record<ErrorCode, { readonly summary: string; readonly fatal: boolean }>
> = {
  PROTO_BAD_JSON: { summary: 'The frame is not valid JSON.', fatal: false },
  PROTO_BAD_MESSAGE: {
    summary: 'The message does not match its schema (missing field, wrong type, out of range).',
    fatal: false,
  },
  PROTO_UNKNOWN_TYPE: { summary: 'No client message has this `type`.', fatal: false },
  PROTO_FRAME_TOO_LARGE: { summary: 'A line or WebSocket frame exceeds `maxFrameBytes`.', fatal: true },
  PROTO_HANDSHAKE_REQUIRED: { summary: 'A JSON connection sent something before `hello`.', fatal: false },
  PROTO_ALREADY_HELLO: { summary: '`hello` was sent twice on one connection.', fatal: false },
  PROTO_VERSION_UNSUPPORTED: {
    summary: 'The `hello` names a protocol version the server does not speak.',
    fatal: true,
  },
  NICK_REQUIRED: {
    summary: 'Only `nick.set`, `ping`, `pong` and `quit` are accepted before a nickname is set.',
    fatal: false,
  },
  NICK_INVALID: { summary: 'A nickname must be 2 to 12 of `A-Z a-z 0-9 _ -`.', fatal: false },
  NICK_TAKEN: { summary: 'Someone else has this nickname (compared without regard to case).', fatal: false },
  NICK_REGISTERED: {
    summary:
      'The nickname belongs to a registered account: log in with `account.login` (`/login NAME PASSWORD`).',
    fatal: false,
  },
  ACCOUNT_EXISTS: { summary: 'This nickname is already registered.', fatal: false },
  ACCOUNT_BAD_PASSWORD: { summary: 'A password must be 8 to 128 characters.', fatal: false },
  AUTH_FAILED: { summary: 'Wrong nickname or password (which one is not said).', fatal: false },
  OPER_DENIED: {
    summary: 'Wrong operator secret, or operator login is disabled (no secret configured).',
    fatal: false,
  },
  OPER_REQUIRED: { summary: 'Only operators may do this; see `oper.login`.', fatal: false },
  OPER_BAD_TARGET: {
    summary: 'The command names nobody it can act on (not connected, not sanctioned, not valid).',
    fatal: false,
  },
  CHAT_SUSPENDED: {
    summary: 'An operator suspended you: you may read but not send until the suspension ends.',
    fatal: false,
  },
  BANNED: {
    summary: 'Banned by an operator (by nickname or address); the message says why and until when.',
    fatal: true,
  },
  KICKED: { summary: 'Disconnected by an operator; you may reconnect.', fatal: true },
  USER_NOT_FOUND: { summary: 'No connected user has this nickname.', fatal: false },
  ROOM_INVALID_NAME: {
    summary: 'A room name must be 1 to 24 of `A-Z a-z 0-9 _ -` (an optional leading `#` is dropped).',
    fatal: false,
  },
  ROOM_NOT_MEMBER: { summary: 'The request names a room the session has not joined.', fatal: false },
  ROOM_NOT_FOUND: { summary: 'No room has this name (rooms exist while someone is in them).', fatal: false },
  ROOM_TOO_MANY: { summary: 'The session is in `maxRoomsPerSession` rooms already.', fatal: false },
  ROOM_LOBBY_PERMANENT: {
    summary: 'Nobody leaves the lobby; it is where every session lives.',
    fatal: false,
  },
  ROOM_CLOSED: {
    summary: 'The room belongs to a match: players are put in it, spectators enter with `match.watch`.',
    fatal: false,
  },
  ROOM_TOPIC_TOO_LONG: { summary: 'A topic is at most `maxTopicChars` characters.', fatal: false },
  CHAT_EMPTY: { summary: 'A chat message has no visible text.', fatal: false },
  CHAT_TOO_LONG: { summary: 'A chat message is longer than `maxChatChars` characters.', fatal: false },
  RATE_LIMITED: {
    summary:
      'Flood control: the message was refused because the connection sends too fast. A warning: slow down.',
    fatal: false,
  },
  RATE_LIMIT_EXCEEDED: {
    summary: 'Flood control: too many refused messages in a row; the connection is closed.',
    fatal: true,
  },
  LIMIT_TOO_MANY_CONNECTIONS: {
    summary: 'This address already has `maxConnectionsPerAddress` connections.',
    fatal: true,
  },
  LIMIT_SEND_BUFFER_FULL: {
    summary: 'The client stopped reading and its send buffer passed `maxSendBufferBytes`; it is dropped.',
    fatal: true,
  },
  HEARTBEAT_TIMEOUT: { summary: 'The connection did not answer the server’s pings in time.', fatal: true },
  RESUME_INVALID_TOKEN: {
    summary: 'No session has this resume token (never issued, or already used).',
    fatal: false,
  },
  RESUME_EXPIRED: {
    summary: 'The session of this token ended: its grace period ran out, or it quit or was closed.',
    fatal: false,
  },
  RESUME_NICK_MISMATCH: {
    summary: 'The token belongs to another nickname, or this connection already has a nickname of its own.',
    fatal: false,
  },
  SESSION_REPLACED: {
    summary: 'The session was resumed on another connection; this one is closed.',
    fatal: true,
  },
  GAME_UNKNOWN: { summary: 'No game has this id; `game.list` lists them.', fatal: false },
  GAME_BAD_OPTIONS: {
    summary: 'A game option is unknown, of the wrong type, out of range, or the options make no game.',
    fatal: false,
  },
  GAME_BAD_MOVE: {
    summary:
      'The move does not parse (wrong shape or notation), or neither or both of `move` and `text` were given.',
    fatal: false,
  },
  GAME_ILLEGAL_MOVE: {
    summary: 'The move is well formed but not legal in this position (a full column, a taken cell).',
    fatal: false,
  },
  GAME_NOT_YOUR_TURN: { summary: 'It is the other player’s turn; the state did not change.', fatal: false },
  GAME_OVER: { summary: 'The match has ended: no move or resignation is accepted any more.', fatal: false },
  PLAYER_BUSY: {
    summary:
      'You or the other player is not free: in a match or away. (Waiting in a queue does not count: a match started otherwise takes you out of it.)',
    fatal: false,
  },
  CHALLENGE_SELF: { summary: 'You cannot challenge yourself or join your own private match.', fatal: false },
  CHALLENGE_PENDING: { summary: 'You already have an open challenge to this player.', fatal: false },
  CHALLENGE_NOT_FOUND: {
    summary: 'No open challenge matches (never sent, already answered, cancelled or expired).',
    fatal: false,
  },
  QUEUE_ALREADY: { summary: 'You are already waiting in a matchmaking queue.', fatal: false },
  QUEUE_NOT_IN: { summary: 'You are not waiting in any matchmaking queue.', fatal: false },
  JOIN_CODE_INVALID: {
    summary: 'No private match waits with this code (mistyped, already started, cancelled or expired).',
    fatal: false,
  },
  TABLE_NOT_FOUND: {
    summary: 'No table waits with this id or join code (mistyped, closed, or it is private: join by code).',
    fatal: false,
  },
  TABLE_FULL: {
    summary:
      'Every seat of the table is taken (players and bots), or it is playing a match: watch it or wait.',
    fatal: false,
  },
  TABLE_NOT_HOST: { summary: 'Only the host of the table (who created it) may start it.', fatal: false },
  TABLE_BUSY: {
    summary:
      'You are already at a table, in a match or in a queue (leave it first), or the table is already playing.',
    fatal: false,
  },
  TABLE_NOT_IN: { summary: 'You are not at any table.', fatal: false },
  TABLE_TOO_FEW: {
    summary: 'Not enough players and bots for the game yet (see its `seats.min`); the match did not start.',
    fatal: false,
  },
  GAME_BAD_INPUT: {
    summary:
      'The input of a real-time game is not in the game’s form (a field missing, of the wrong type or out of range); it was ignored.',
    fatal: false,
  },
  MATCH_WRONG_KIND: {
    summary:
      'This request is for the other kind of game: `match.move` and `match.resign` for turn-based matches, `match.input` for real-time ones.',
    fatal: false,
  },
  MATCH_BAD_SEQUENCE: {
    summary:
      'The input’s `seq` is not a positive integer, or runs more than 3600 ahead of the last one accepted; it was ignored.',
    fatal: false,
  },
  MATCH_NOT_FOUND: {
    summary: 'No live match has this id (or you play or watch none, when none was named).',
    fatal: false,
  },
  MATCH_NOT_PLAYER: {
    summary: 'Only the players of a match may do this (spectators watch; they do not move).',
    fatal: false,
  },
  MATCH_STALE_VERSION: {
    summary:
      'The move was meant for another version of the state (a move was played meanwhile); nothing changed.',
    fatal: false,
  },
  MATCH_WATCH_DENIED: {
    summary: 'Private matches cannot be watched, and players do not watch their own.',
    fatal: false,
  },
  REMATCH_UNAVAILABLE: {
    summary: 'No rematch is possible: the match is not over, or the opponent left or is busy.',
    fatal: false,
  },
  RECORD_NOT_FOUND: { summary: 'No finished match is stored with this id.', fatal: false },
  ANALYSIS_BAD_POSITION: {
    summary: 'Not a Connect Four position: a column outside 1–7, a full column, or a game already won.',
    fatal: false,
  },
  ANALYSIS_UNSUPPORTED: { summary: 'Analysis exists for Connect Four only.', fatal: false },
  ANALYSIS_BUSY: {
    summary: 'The server’s solver queue is full (or the solver is stopping); retry in a few seconds.',
    fatal: false,
  },
  TEXT_UNKNOWN_COMMAND: { summary: 'Text mode: no command has this name (see `/help`).', fatal: false },
  TEXT_USAGE: {
    summary: 'Text mode: the command is missing an argument (the message shows its usage).',
    fatal: false,
  },
  SERVER_SHUTTING_DOWN: { summary: 'The server is stopping; reconnect later.', fatal: true },
  INTERNAL_ERROR: { summary: 'A bug on the server; the request had no effect. It is logged.', fatal: false },
};
