import type { ClientMessageType } from './client-messages.ts';
import type { ServerMessageType } from './server-messages.ts';

/**
 * The reply each request gets when it succeeds (it carries the request's id as `re`); any request
 * may instead get an `error`. `pong` is absent: it is never answered; nor are `match.input` and
 * `match.ack` unless refused (their effect shows in the next `match.snapshot`).
 */
export const replyTypes = {
  hello: 'welcome',
  ping: 'pong',
  'nick.set': 'nick.accepted',
  'chat.say': 'chat.message',
  'chat.tell': 'chat.private',
  'room.join': 'room.joined',
  'room.leave': 'room.left',
  'room.topic': 'room.topic',
  'room.list': 'room.listing',
  'user.list': 'user.listing',
  'game.list': 'game.listing',
  'player.list': 'player.listing',
  'challenge.send': 'challenge.sent',
  'challenge.accept': 'match.started',
  'challenge.decline': 'challenge.declined',
  'challenge.cancel': 'challenge.cancelled',
  'queue.join': 'queue.joined',
  'queue.leave': 'queue.left',
  'match.create': 'match.created',
  'computer.play': 'match.started',
  'match.join': 'match.started',
  'match.move': 'match.update',
  'match.resign': 'match.ended',
  'match.rematch': 'match.rematch_offered',
  'match.watch': 'match.state',
  'match.unwatch': 'match.unwatched',
  'match.get': 'match.state',
  'match.list': 'match.listing',
  'table.create': 'table.joined',
  'table.list': 'table.listing',
  'table.join': 'table.joined',
  'table.leave': 'table.left',
  'table.start': 'match.started',
  'record.list': 'record.listing',
  'record.get': 'record.match',
  'analysis.get': 'analysis.result',
  'session.resume': 'session.resumed',
  'account.register': 'account.registered',
  'account.login': 'account.logged_in',
  'oper.login': 'oper.granted',
  'oper.list': 'oper.users',
  'oper.suspend': 'oper.done',
  'oper.ban': 'oper.done',
  'oper.forgive': 'oper.done',
  'oper.kick': 'oper.done',
  'oper.shutdown': 'oper.done',
  quit: 'bye',
} as const satisfies Record<
  Exclude<ClientMessageType, 'pong' | 'match.input' | 'match.ack'>,
  ServerMessageType
>;
