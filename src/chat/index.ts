/**
 * Chat: the lobby, named rooms with topics, private messages and user lists (C1–C4). Plugs into
 * the server through ServerContext; imports server and protocol only.
 */
export { type ChatOptions, type ChatRooms, registerChat } from './chat.ts';
export { type Room, RoomDirectory } from './room-directory.ts';
