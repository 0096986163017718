import { CloseCode, nickKey, PROTOCOL_VERSION } from '../protocol/index.ts';
import type { ServerCore } from './handlers.ts';
import { reject } from './handlers.ts';
import { SERVER_NAME } from './text-banner.ts';

/** The requests the server core answers itself: handshake, heartbeat, nickname, quit. */
export const registerCoreHandlers = (server: ServerCore): void => {
  const { config } = server;

  server.handle('hello', (session, request) => {
    if (session.peer?.helloDone)
      return reject('PROTO_ALREADY_HELLO', 'This connection has already said hello.');
    if (request.data.protocol !== PROTOCOL_VERSION) {
      server.fail(
        session,
        'PROTO_VERSION_UNSUPPORTED',
        `This server speaks protocol version ${PROTOCOL_VERSION}, not ${request.data.protocol}.`,
        request.id,
      );
      return undefined;
    }
    if (session.peer) session.peer.helloDone = true;
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
        messageBurst: config.messageBurst,
        messagePerSecond: config.messagePerSecond,
        floodMaxRefusals: config.floodMaxRefusals,
        maxTopicChars: config.maxTopicChars,
        maxRoomsPerSession: config.maxRoomsPerSession,
        resumeGraceMs: config.resumeGraceMs,
        replayLimit: config.replayLimit,
      },
      resumeToken: session.token,
    });
    return undefined;
  });

  server.handle('ping', (session, request) => {
    server.reply(session, request, 'pong', {});
    return undefined;
  });

  // Any frame already counts as a sign of life (see #heard). A pong needs no answer, but it proves
  // the client read everything sent before the ping: its session may forget those (B2).
  server.handle('pong', (session) => {
    session.peer?.acknowledged();
    return undefined;
  });

  server.handle('nick.set', async (session, request) => {
    const claim = await server.claimNick(session, request.data.nick);
    if ('code' in claim) return claim;
    server.reply(session, request, 'nick.accepted', { nick: request.data.nick, previous: claim.previous });
    server.named(session, claim.previous);
    return undefined;
  });

  server.handle('session.resume', (session, request) => {
    server.metrics.resumeAttempts.inc();
    const { token, nick } = request.data;
    const target = server.sessions.byToken(token);
    if (target === undefined || target === session || session.peer === null) {
      return server.sessions.isSpentToken(token)
        ? reject('RESUME_EXPIRED', 'That session has ended (or was resumed since); start a new one.')
        : reject('RESUME_INVALID_TOKEN', 'No session has this resume token.');
    }
    if (session.nick !== null) {
      return reject(
        'RESUME_NICK_MISMATCH',
        'This connection already has a nickname; resume on a fresh connection.',
      );
    }
    if (nick !== undefined && nickKey(nick) !== nickKey(target.nick ?? '')) {
      return reject('RESUME_NICK_MISMATCH', 'This token belongs to another nickname.');
    }
    server.resume(session.peer, target, request);
    return undefined;
  });

  server.handle('quit', (session, request) => {
    server.reply(session, request, 'bye', {
      message: request.data.message ? `You quit: ${request.data.message.slice(0, 200)}` : 'Goodbye!',
    });
    server.end(session, 'quit', CloseCode.NORMAL, 'quit');
    return undefined;
  });
};
