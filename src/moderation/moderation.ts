import { createHash, timingSafeEqual } from 'node:crypto';
import { type ClientMessage, isValidNick, nickKey, type ServerData } from '../protocol/index.ts';
import { type Rejection, reject, type ServerContext, type Session } from '../server/index.ts';
import type { AuditLog, JsonValue, SanctionTarget } from '../store/index.ts';
import { banMessage, suspensionMessage, untilText } from './describe-sanction.ts';
import type { SanctionBook } from './sanction-book.ts';

/** Moderation settings (from the server configuration). */
export interface ModerationOptions {
  /** The operator secret; undefined: nobody can become an operator. */
  readonly operatorSecret: string | undefined;
}

/** Requests a suspended user may not make: anything others would read. */
const SILENCED: ReadonlySet<ClientMessage['type']> = new Set(['chat.say', 'chat.tell', 'room.topic']);

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** An address has a `.` (IPv4) or a `:` (IPv6); anything else is a nickname. */
const targetOf = (text: string): SanctionTarget | undefined =>
  /[.:]/.test(text)
    ? { type: 'address', value: text }
    : isValidNick(text)
      ? { type: 'nick', value: text }
      : undefined;

/**
 * Operators and moderation (D1): `oper.login` with the server's secret, then list, suspend, ban,
 * forgive, kick and shutdown. Bans and suspensions are enforced on every connection, nickname and
 * message; every operator action is written to the audit log (who, what, when).
 */
export const registerModeration = (
  server: ServerContext,
  book: SanctionBook,
  audit: AuditLog,
  options: ModerationOptions,
): void => {
  const secret = options.operatorSecret === undefined ? undefined : digest(options.operatorSecret);

  const record = (
    actor: Session,
    action: string,
    target: string | null,
    details: Record<string, JsonValue> = {},
  ) => audit.append({ at: server.now(), actor: actor.nick ?? '(no nickname)', action, target, details });

  const operatorOnly = (session: Session): Rejection | undefined =>
    session.operator ? undefined : reject('OPER_REQUIRED', 'Only operators may do this (see /oper).');

  const done = (session: Session, request: ClientMessage, data: ServerData<'oper.done'>): undefined => {
    server.reply(session, request, 'oper.done', data);
    return undefined;
  };

  const suspensionOf = (session: Session) =>
    session.nick === null
      ? undefined
      : book.find('suspend', { type: 'nick', value: session.nick }, server.now());

  // ── Enforcement ────────────────────────────────────────────────────────────────────────────

  server.admit((address) => {
    const ban = book.find('ban', { type: 'address', value: address }, server.now());
    return ban && reject('BANNED', banMessage(ban));
  });

  server.checkNick((session, nick) => {
    const now = server.now();
    const ban =
      book.find('ban', { type: 'nick', value: nick }, now) ??
      book.find('ban', { type: 'address', value: session.address }, now);
    if (ban) return reject('BANNED', banMessage(ban));
    // A suspension follows the person, not the name: no escaping it by renaming.
    const suspension = suspensionOf(session);
    return (
      suspension &&
      reject('CHAT_SUSPENDED', `${suspensionMessage(suspension)} Nor may you change your nickname.`)
    );
  });

  server.guard((session, request) => {
    if (!SILENCED.has(request.type)) return undefined;
    const suspension = suspensionOf(session);
    return suspension && reject('CHAT_SUSPENDED', suspensionMessage(suspension));
  });

  // ── Commands ───────────────────────────────────────────────────────────────────────────────

  server.handle('oper.login', async (session, request) => {
    if (secret === undefined)
      return reject('OPER_DENIED', 'Operator login is disabled on this server (no secret is set).');
    const given = digest(request.data.secret);
    if (!timingSafeEqual(given, secret)) {
      await record(session, 'oper.login.failed', null);
      return reject('OPER_DENIED', 'Wrong operator secret.');
    }
    session.operator = true;
    await record(session, 'oper.login', null);
    server.reply(session, request, 'oper.granted', {});
    return undefined;
  });

  server.handle('oper.list', (session, request) => {
    const refused = operatorOnly(session);
    if (refused) return refused;
    const now = server.now();
    const users = [...server.namedSessions()]
      .sort((a, b) => ((a.nick as string).toLowerCase() < (b.nick as string).toLowerCase() ? -1 : 1))
      .map((s) => {
        const suspension = suspensionOf(s);
        return {
          nick: s.nick as string,
          address: s.peer?.connection.remoteAddress ?? null,
          transport: s.peer?.connection.kind ?? null,
          mode: s.peer === null || s.peer.mode === 'pending' ? null : s.peer.mode,
          idleMs: now - (s.peer?.lastSeenAt ?? s.droppedAt),
          state: s.state,
          operator: s.operator,
          account: s.account !== null,
          suspendedUntil: suspension === undefined ? null : (suspension.expiresAt ?? Number.MAX_SAFE_INTEGER),
        };
      });
    server.reply(session, request, 'oper.users', { users });
    return undefined;
  });

  server.handle('oper.suspend', async (session, request) => {
    const refused = operatorOnly(session);
    if (refused) return refused;
    const { nick, durationMs, reason = '' } = request.data;
    if (!isValidNick(nick)) return reject('OPER_BAD_TARGET', `"${nick.slice(0, 64)}" is not a nickname.`);
    const now = server.now();
    const expiresAt = durationMs === undefined ? null : now + durationMs;
    await book.add({
      kind: 'suspend',
      target: { type: 'nick', value: nick },
      reason,
      createdBy: session.nick as string,
      createdAt: now,
      expiresAt,
    });
    await record(session, 'suspend', nick, { durationMs: durationMs ?? null, reason });
    server.byNick(nick)?.send({
      type: 'moderation.suspended',
      data: { until: expiresAt, by: session.nick as string, reason },
    });
    return done(session, request, {
      action: 'suspend',
      target: nick,
      summary: `${nick} is suspended ${untilText(expiresAt)}.`,
    });
  });

  server.handle('oper.ban', async (session, request) => {
    const refused = operatorOnly(session);
    if (refused) return refused;
    const { durationMs, reason = '' } = request.data;
    const target = targetOf(request.data.target);
    if (target === undefined)
      return reject(
        'OPER_BAD_TARGET',
        `"${request.data.target.slice(0, 64)}" is neither a nickname nor an address.`,
      );
    if (target.type === 'nick' && nickKey(target.value) === nickKey(session.nick as string)) {
      return reject('OPER_BAD_TARGET', 'You cannot ban yourself.');
    }
    const now = server.now();
    const expiresAt = durationMs === undefined ? null : now + durationMs;
    const sanction = await book.add({
      kind: 'ban',
      target,
      reason,
      createdBy: session.nick as string,
      createdAt: now,
      expiresAt,
    });
    await record(session, 'ban', target.value, { type: target.type, durationMs: durationMs ?? null, reason });
    // Operators are not thrown out by an address ban: they may share the address (a NAT, loopback).
    const victims = [...server.allSessions()].filter((s) =>
      target.type === 'nick'
        ? s.nick !== null && nickKey(s.nick) === nickKey(target.value)
        : !s.operator && s.address.toLowerCase() === target.value.toLowerCase(),
    );
    for (const victim of victims) server.endSession(victim, 'BANNED', banMessage(sanction));
    return done(session, request, {
      action: 'ban',
      target: target.value,
      summary: `${target.value} is banned ${untilText(expiresAt)}; ${victims.length} session(s) disconnected.`,
    });
  });

  server.handle('oper.forgive', async (session, request) => {
    const refused = operatorOnly(session);
    if (refused) return refused;
    const target = targetOf(request.data.target);
    if (target === undefined)
      return reject(
        'OPER_BAD_TARGET',
        `"${request.data.target.slice(0, 64)}" is neither a nickname nor an address.`,
      );
    const lifted = await book.lift(target, session.nick as string, server.now());
    if (lifted === 0) return reject('OPER_BAD_TARGET', `${target.value} has no ban or suspension to lift.`);
    await record(session, 'forgive', target.value, { type: target.type, lifted });
    if (target.type === 'nick')
      server
        .byNick(target.value)
        ?.send({ type: 'moderation.forgiven', data: { by: session.nick as string } });
    return done(session, request, {
      action: 'forgive',
      target: target.value,
      summary: `${target.value} is forgiven (${lifted} lifted).`,
    });
  });

  server.handle('oper.kick', async (session, request) => {
    const refused = operatorOnly(session);
    if (refused) return refused;
    const { nick, reason = '' } = request.data;
    const victim = server.byNick(nick);
    if (victim === undefined)
      return reject('OPER_BAD_TARGET', `Nobody called "${nick.slice(0, 64)}" is connected.`);
    if (victim === session) return reject('OPER_BAD_TARGET', 'You cannot kick yourself; /quit instead.');
    await record(session, 'kick', victim.nick, { reason });
    server.endSession(
      victim,
      'KICKED',
      `Kicked by ${session.nick}${reason ? `: ${reason}.` : '.'} You may reconnect.`,
    );
    return done(session, request, {
      action: 'kick',
      target: victim.nick,
      summary: `${victim.nick} was kicked.`,
    });
  });

  server.handle('oper.shutdown', async (session, request) => {
    const refused = operatorOnly(session);
    if (refused) return refused;
    const message = request.data.message ?? 'The server is shutting down.';
    await record(session, 'shutdown', null, { message });
    done(session, request, { action: 'shutdown', target: null, summary: 'Shutting down.' });
    server.requestShutdown(message);
    return undefined;
  });
};
