import { listGames } from '../games/index.ts';
import type { ServerContext } from '../server/index.ts';

/** `game.list`: the games this server offers, with their seats and options (F1). */
export const registerGameCatalog = (server: ServerContext): void => {
  const catalog = listGames();
  server.handle('game.list', (session, request) => {
    server.reply(session, request, 'game.listing', { games: catalog });
    return undefined;
  });
};
