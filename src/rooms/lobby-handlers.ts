import { UserState } from '../protocol/index.ts';
import { reject, type Session } from '../server/index.ts';
import { type Challenge, describeChallenge } from './challenges.ts';
import { normaliseJoinCode } from './join-code.ts';
import type { MatchHost } from './match-host.ts';
import { isRejection, matchSpecOf } from './match-spec.ts';
import { queueKey } from './matchmaking.ts';

const byNickName = (a: { nick: string }, b: { nick: string }): number =>
  a.nick.toLowerCase() < b.nick.toLowerCase() ? -1 : a.nick.toLowerCase() > b.nick.toLowerCase() ? 1 : 0;

/** The one challenge a request means: the one named, else the latest. */
const pick = (challenges: Challenge[], nick: string | undefined, side: 'fromNick' | 'toNick') => {
  const named =
    nick === undefined ? challenges : challenges.filter((c) => c[side]?.toLowerCase() === nick.toLowerCase());
  return named.at(-1);
};

export const busyMessage = 'You are in a match or at a table: finish it (/resign, /table leave) first.';

/**
 * The lobby (E1–E4): free players, challenges (send, accept, decline, cancel, expiry), the
 * matchmaking queue, private matches with join codes.
 */
export const registerLobbyHandlers = (host: MatchHost): void => {
  const { server, challenges } = host;

  server.handle('player.list', (session, request) => {
    const players = [...server.namedSessions()]
      .filter((s) => s !== session && s.state === UserState.FREE && host.isFree(s))
      .map((s) => ({ nick: s.nick as string, rating: null }))
      .sort(byNickName);
    server.reply(session, request, 'player.listing', { players });
    return undefined;
  });

  server.handle('challenge.send', (session, request) => {
    const target = server.byNick(request.data.to);
    if (target === undefined) {
      return reject('USER_NOT_FOUND', `Nobody called "${request.data.to.slice(0, 64)}" is connected.`);
    }
    if (target === session) return reject('CHALLENGE_SELF', 'You cannot challenge yourself.');
    if (!host.isFree(session)) return reject('PLAYER_BUSY', busyMessage);
    if (!host.isFree(target) || target.state !== UserState.FREE) {
      return reject('PLAYER_BUSY', `${target.nick} is ${target.state === 'away' ? 'away' : 'in a match'}.`);
    }
    if (challenges.from(session).some((c) => c.to === target)) {
      return reject('CHALLENGE_PENDING', `You already challenged ${target.nick}; /cancel it first.`);
    }
    const spec = matchSpecOf(request.data, false);
    if (isRejection(spec)) return spec;
    const challenge = challenges.add({
      ...spec,
      from: session,
      to: target,
      withCode: false,
      expiresAt: server.now() + host.options.challengeTimeoutMs,
    });
    host.openChallenge(challenge);
    const data = { challenge: describeChallenge(challenge) };
    server.reply(session, request, 'challenge.sent', data);
    target.send({ type: 'challenge.received', data });
    return undefined;
  });

  server.handle('challenge.accept', (session, request) => {
    const challenge = pick(challenges.to(session), request.data.from, 'fromNick');
    if (challenge === undefined) {
      return reject(
        'CHALLENGE_NOT_FOUND',
        `No open challenge${request.data.from ? ` from ${request.data.from}` : ''}.`,
      );
    }
    if (!host.isFree(session)) return reject('PLAYER_BUSY', busyMessage);
    if (!host.isFree(challenge.from)) {
      host.dropChallenge(challenge, 'busy');
      return reject('PLAYER_BUSY', `${challenge.fromNick} is no longer free; the challenge is withdrawn.`);
    }
    challenges.remove(challenge);
    const started = host.start({ ...challenge, private: false }, [challenge.from, session], {
      session,
      request,
    });
    return isRejection(started) ? started : undefined;
  });

  server.handle('challenge.decline', (session, request) => {
    const challenge = pick(challenges.to(session), request.data.from, 'fromNick');
    if (challenge === undefined) {
      return reject(
        'CHALLENGE_NOT_FOUND',
        `No open challenge${request.data.from ? ` from ${request.data.from}` : ''}.`,
      );
    }
    challenges.remove(challenge);
    const data = { challenge: describeChallenge(challenge), reason: (request.data.reason ?? '').trim() };
    server.reply(session, request, 'challenge.declined', data);
    challenge.from.send({ type: 'challenge.declined', data });
    return undefined;
  });

  server.handle('challenge.cancel', (session, request) => {
    const { to } = request.data;
    // Without a name: every open challenge and private match of the session (the protocol's default).
    const mine = challenges.from(session);
    const named = to === undefined ? undefined : pick(mine, to, 'toNick');
    const chosen = to === undefined ? mine : named === undefined ? [] : [named];
    if (chosen.length === 0) {
      return reject('CHALLENGE_NOT_FOUND', `You have no open challenge${to ? ` to ${to}` : ''}.`);
    }
    // The reply (with `re`) comes last: when it arrives, every challenge chosen is withdrawn.
    chosen.forEach((challenge, i) => {
      host.dropChallenge(challenge, 'cancelled', i === chosen.length - 1 ? { session, request } : undefined);
    });
    return undefined;
  });

  server.handle('match.create', (session, request) => {
    if (!host.isFree(session)) return reject('PLAYER_BUSY', busyMessage);
    if (challenges.from(session).some((c) => c.code !== null)) {
      return reject('CHALLENGE_PENDING', 'You already have a private match waiting; /cancel it first.');
    }
    const spec = matchSpecOf(request.data, true);
    if (isRejection(spec)) return spec;
    const challenge = challenges.add({
      ...spec,
      from: session,
      to: null,
      withCode: true,
      expiresAt: server.now() + host.options.privateMatchTimeoutMs,
    });
    host.openChallenge(challenge);
    server.reply(session, request, 'match.created', { challenge: describeChallenge(challenge) });
    return undefined;
  });

  server.handle('match.join', (session, request) => {
    const challenge = challenges.byCode(normaliseJoinCode(request.data.code));
    if (challenge === undefined) {
      return reject(
        'JOIN_CODE_INVALID',
        `No private match waits with the code "${request.data.code.slice(0, 16)}".`,
      );
    }
    if (challenge.from === session)
      return reject('CHALLENGE_SELF', 'This is your own private match: share the code.');
    if (!host.isFree(session)) return reject('PLAYER_BUSY', busyMessage);
    if (!host.isFree(challenge.from)) {
      return reject('PLAYER_BUSY', `${challenge.fromNick} is not free right now; try again later.`);
    }
    challenges.remove(challenge);
    const started = host.start({ ...challenge, private: true }, [challenge.from, session], {
      session,
      request,
    });
    return isRejection(started) ? started : undefined;
  });

  server.handle('queue.join', (session, request) => {
    if (!host.isFree(session)) return reject('PLAYER_BUSY', busyMessage);
    const entry = host.players.of(session);
    if (entry.queue !== null)
      return reject('QUEUE_ALREADY', 'You are already waiting for an opponent; /unqueue first.');
    const spec = matchSpecOf({ game: request.data.game, clock: request.data.clock }, false);
    if (isRejection(spec)) return spec;
    const key = queueKey(spec.game, spec.timeControl);
    const opponent = host.queues.takeFirst(key);
    if (opponent === undefined) {
      host.queues.add(key, { session, game: spec.game, timeControl: spec.timeControl });
      entry.queue = key;
      server.reply(session, request, 'queue.joined', {
        game: spec.game.id,
        waiting: host.queues.waiting(key),
      });
      return undefined;
    }
    host.players.of(opponent.session).queue = null;
    server.reply(session, request, 'queue.joined', { game: spec.game.id, waiting: 2 });
    // Who waited longest sits first; who moves first is drawn (the game's `firstSeat` default).
    const started = host.start(spec, [opponent.session, session]);
    return isRejection(started) ? started : undefined;
  });

  server.handle('queue.leave', (session, request) => {
    const game = host.leaveQueue(session);
    if (game === undefined) return reject('QUEUE_NOT_IN', 'You are not waiting in a queue.');
    server.reply(session, request, 'queue.left', { game });
    return undefined;
  });
};

/** Takes a session that dropped or ended out of the lobby: its queue and, if it ended, its challenges. */
export const leaveLobby = (host: MatchHost, session: Session, ended: boolean): void => {
  const game = host.leaveQueue(session);
  if (game !== undefined) session.send({ type: 'queue.left', data: { game } });
  if (ended)
    for (const challenge of host.challenges.involving(session)) host.dropChallenge(challenge, 'gone');
};
