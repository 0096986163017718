import { CloseCode, isValidNick, PROTOCOL_VERSION } from '../protocol/index.ts';
import type { ServerCore } from './handlers.ts';
import { reject } from './handlers.ts';
import { SERVER_NAME } from './text-banner.ts';

/** The requests the server core answers itself: handshake, heartbeat, nickname, quit. */
export const registerCoreHandlers = (server: ServerCore): void => {
  const { config } = server;

  server.handle('hello', (session, request) => {
    if (session.helloDone) return reject('PROTO_ALREADY_HELLO', 'This connection has already said hello.');
    if (request.data.protocol !== PROTOCOL_VERSION) {
      server.fail(
        session,
        'PROTO_VERSION_UNSUPPORTED',
        `This server speaks protocol version ${PROTOCOL_VERSION}, not ${request.data.protocol}.`,
        request.id,
      );
      return undefined;
    }
    session.helloDone = true;
    server.reply(session, request, 'welcome', {
      protocol: PROTOCOL_VERSION,
      server: SERVER_NAME,
      limits: {
        maxFrameBytes: config.maxFrameBytes,
        maxChatChars: config.maxChatChars,
        pingIntervalMs: config.pingIntervalMs,
        pingMissLimit: config.pingMissLimit,
        chatBurst: config.chatBurst,
        chatPerSecond: config.chatPerSecond,
      },
    });
    return undefined;
  });

  server.handle('ping', (session, request) => {
    server.reply(session, request, 'pong', {});
    return undefined;
  });

  // Any frame already counts as a sign of life (see #heard); a pong needs no answer.
  server.handle('pong', () => undefined);

  server.handle('nick.set', (session, request) => {
    const { nick } = request.data;
    if (!isValidNick(nick)) {
      return reject(
        'NICK_INVALID',
        `"${nick.slice(0, 64)}" is not a valid nickname: use 2 to 12 of A-Z a-z 0-9 _ -.`,
      );
    }
    const holder = server.sessions.byNick(nick);
    if (holder !== undefined && holder !== session) {
      return reject('NICK_TAKEN', `The nickname "${nick}" is taken (nicknames ignore case).`);
    }
    const previous = session.nick;
    if (previous === nick) {
      server.reply(session, request, 'nick.accepted', { nick, previous });
      return undefined;
    }
    server.sessions.rename(session, nick);
    server.reply(session, request, 'nick.accepted', { nick, previous });
    server.log.info({ event: 'nick', session: session.id, nick, previous }, 'nickname set');
    server.named(session, previous);
    return undefined;
  });

  server.handle('quit', (session, request) => {
    server.reply(session, request, 'bye', {
      message: request.data.message ? `You quit: ${request.data.message}` : 'Goodbye!',
    });
    server.end(session, 'quit', CloseCode.NORMAL, 'quit');
    return undefined;
  });
};
