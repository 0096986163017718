/**
 * WebSocket close codes the server uses (4000-4999 are application codes). A TCP connection is
 * simply ended after the `error` message that names the reason.
 */
export const CloseCode = {
  NORMAL: 1000,
  SERVER_SHUTDOWN: 4001,
  HEARTBEAT_TIMEOUT: 4002,
  PROTOCOL_ERROR: 4003,
  TOO_MANY_CONNECTIONS: 4005,
  SEND_BUFFER_FULL: 4006,
  RATE_LIMITED: 4008,
  FRAME_TOO_LARGE: 4009,
  SESSION_REPLACED: 4010,
  BANNED: 4011,
  KICKED: 4012,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
