/**
 * The isomorphic Parlor client library (J3): typed requests and events over any `Link`, heartbeat,
 * reconnection with session resume (B4), and a WebSocket link for browsers and Node. Runs in
 * browsers too: it must not import Node built-ins or read `process`, and imports nothing of the
 * project but the protocol.
 */
export { ParlorClient } from './client.ts';
export type {
  ClientState,
  CloseInfo,
  ConnectionEvent,
  ConnectOptions,
  ProtocolProblem,
  ReconnectOptions,
  RequestOptions,
} from './client-types.ts';
export type { Unsubscribe } from './emitter.ts';
export { ClientErrorCode, ParlorError, type ParlorErrorCode, type ParlorErrorOptions } from './errors.ts';
export { type Impairment, impairedLink } from './impaired-link.ts';
export type { Link, LinkFactory, LinkHandlers } from './link.ts';
export type { OutgoingMessage, ReplyType, RequestType } from './replies.ts';
export { systemTimers, type Timers } from './timers.ts';
export {
  type WebSocketConstructor,
  type WebSocketLike,
  type WebSocketLinkOptions,
  webSocketLink,
} from './websocket-link.ts';
