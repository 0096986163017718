/**
 * The wire contract of Parlor, shared by the server and every client: message schemas and types,
 * error and close codes, name rules, framing. Pure and isomorphic: imports nothing from the project
 * and nothing from Node.
 */

export {
  type ClientData,
  type ClientMessage,
  type ClientMessageOf,
  type ClientMessageType,
  clientMessageSchemas,
  type RequestId,
} from './client-messages.ts';
export { CloseCode } from './close-codes.ts';
export { ErrorCode, errorCatalog } from './error-codes.ts';
export { type FrameError, makeFrame, parseClientFrame, parseServerFrame } from './frame.ts';
export { isValidNick, LOBBY, NICK_PATTERN, nickKey, parseRoomName, ROOM_PATTERN } from './names.ts';
export { replyTypes } from './replies.ts';
export { err, ok, type Result } from './result.ts';
export {
  LeaveReason,
  type ServerData,
  type ServerMessage,
  type ServerMessageOf,
  type ServerMessageType,
  serverMessageSchemas,
  UserState,
} from './server-messages.ts';
export { PROTOCOL_VERSION } from './version.ts';
