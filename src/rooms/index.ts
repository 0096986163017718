/**
 * Game rooms and the lobby around them (E, F): for now, the catalog of games (`game.list`).
 * Plugs into the server; imports server, protocol and the pure games.
 */
export { registerGameCatalog } from './game-catalog.ts';
