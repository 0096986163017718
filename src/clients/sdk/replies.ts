import type { ClientData, ClientMessageType, ServerMessageType } from '../../protocol/index.ts';

/**
 * The reply each request gets when it succeeds (it carries the request's id as `re`); any request
 * may instead get an `error`. `pong` is absent: it is never answered.
 */
export const replyTypes = {
  hello: 'welcome',
  ping: 'pong',
  'nick.set': 'nick.accepted',
  'chat.say': 'chat.message',
  'chat.tell': 'chat.private',
  'room.join': 'room.joined',
  'room.leave': 'room.left',
  'room.topic': 'room.topic',
  'room.list': 'room.listing',
  'user.list': 'user.listing',
  quit: 'bye',
} as const satisfies Record<Exclude<ClientMessageType, 'pong'>, ServerMessageType>;

/** A client message type that gets a reply, hence usable with `request`. */
export type RequestType = keyof typeof replyTypes;

/** The type of the successful reply to a request of type `K`. */
export type ReplyType<K extends RequestType> = (typeof replyTypes)[K];

/** A client message without its id, as `sendMessage` takes it (the client numbers it). */
export type OutgoingMessage = {
  [K in ClientMessageType]: { readonly type: K; readonly data: ClientData<K> };
}[ClientMessageType];
