import type { ClientData, ClientMessageType, replyTypes } from '../../protocol/index.ts';

/** A client message type that gets a reply, hence usable with `request`. */
export type RequestType = keyof typeof replyTypes;

/** The type of the successful reply to a request of type `K`. */
export type ReplyType<K extends RequestType> = (typeof replyTypes)[K];

/** A client message without its id, as `sendMessage` takes it (the client numbers it). */
export type OutgoingMessage = {
  [K in ClientMessageType]: { readonly type: K; readonly data: ClientData<K> };
}[ClientMessageType];
