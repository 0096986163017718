/**
 * Sockets to Connections: TCP with newline framing, WebSocket on an HTTP server. Knows nothing of
 * sessions or chat; imports only the protocol (close codes).
 */
export {
  type AcceptConnection,
  type Connection,
  type ConnectionHandler,
  normaliseAddress,
  type TransportKind,
} from './connection.ts';
export { type HttpListenerOptions, listenHttp } from './http.ts';
export { LineSplitter } from './line-splitter.ts';
export { listenTcp, type TcpListenerOptions } from './tcp.ts';
export type { TlsCredentials } from './tls.ts';
export { attachWebSocket, type WebSocketOptions } from './websocket.ts';
