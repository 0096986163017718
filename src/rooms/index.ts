/**
 * Game rooms and the lobby around them (E1–E6, F1–F3): the game catalog, challenges, the
 * matchmaking queue, private matches with join codes, live matches (moves through the game's
 * rules, clocks, spectators, rematch, abandonment) and match records. A plug-in of the server;
 * imports server, protocol, the pure games, chat (match rooms) and the store port (records).
 */
export { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from './join-code.ts';
export type { RoomsOptions } from './match-host.ts';
export { type Rooms, registerRooms } from './register-rooms.ts';
