import { type Static, type TObject, Type } from '@sinclair/typebox';

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
