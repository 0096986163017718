/**
 * Node-only links for the client library: TCP (newline-delimited JSON) and WebSocket via `ws`.
 * May import only the client library and the protocol (through their index.ts), Node built-ins
 * and npm packages.
 */
export { describeSocketError } from './describe-error.ts';
export { LineReader } from './line-reader.ts';
export { describeConnectFailure, linkTo, type ServerTarget } from './server-target.ts';
export { type ClientTlsOptions, type TcpLinkOptions, tcpLink } from './tcp-link.ts';
export { wsLink } from './ws-link.ts';
