import { type ServerMessage, UserState } from '../protocol/index.ts';
import { Outbox, OutgoingMessage } from './outbox.ts';
import type { Peer } from './peer.ts';

/** Messages that are not numbered nor kept for replay: heartbeat traffic. */
const UNNUMBERED: ReadonlySet<ServerMessage['type']> = new Set(['ping', 'pong']);

//
// Snapshots: numbered, but not kept for replay. A `room.joined` carries the whole member list;
// keeping one per session for a room of a thousand would cost tens of kilobytes each. A client
// that missed one gets a fresh full state on resume (`overflow`), which says the same and more.
//
const SNAPSHOTS: ReadonlySet<ServerMessage['type']> = new Set([
  'room.joined',
  'room.listing',
  'user.listing',
  'oper.users',
  'game.listing',
  'player.listing',
  'match.state',
  'match.listing',
  'record.listing',
  'record.match',
]);

/**
 * One user of the server: who they are (nickname, state), what was sent to them (numbered and kept
 * for replay), and their current connection, if any. A session outlives a dropped connection for
 * the resume grace period (B2). Chat, games and every other area see sessions, never sockets.
 */
export class Session {
  readonly id: string;
  readonly outbox: Outbox;
  /** Secret for `session.resume`; replaced at every resume. */
  token: string;
  nick: string | null = null;
  state: UserState = UserState.FREE;
  /** The state to return to when an away session comes back. */
  stateBeforeAway: UserState = UserState.FREE;
  /** The registered nickname (its key) this session proved it owns, if any. */
  account: string | null = null;
  /** Granted by `oper.login`. */
  operator = false;
  /** The address of the current or last connection (address bans reach away sessions too). */
  address = '';
  /** When the connection dropped (for idle times while away). */
  droppedAt = 0;
  /** The current connection; null while away. */
  peer: Peer | null = null;
  /** The last seq written to the connection that dropped (text clients cannot tell theirs). */
  seqAtDrop = 0;
  /** Set once the session has ended for good. */
  ended = false;
  /**
   * A seat the server plays itself (the computer opponent): no connection ever, never in the
   * user list, and its playing/free changes are not announced.
   */
  automated = false;
  awayTimer: NodeJS.Timeout | undefined;

  constructor(id: string, token: string, replayLimit: number) {
    this.id = id;
    this.token = token;
    this.outbox = new Outbox(replayLimit);
  }

  /**
   * Sends a message: numbered, kept for replay, and written to the connection if there is one.
   * `shared` is the message already wrapped, when the caller sends it to many sessions.
   */
  send(message: ServerMessage, shared?: OutgoingMessage): void {
    if (this.ended) return;
    if (UNNUMBERED.has(message.type)) {
      this.peer?.deliverUnnumbered(message);
      return;
    }
    const outgoing = shared ?? new OutgoingMessage(message);
    const seq = this.outbox.push(outgoing, !SNAPSHOTS.has(message.type));
    this.peer?.deliver(outgoing, seq);
    // Delivering may have dropped the connection (a full send buffer): look again.
    if (this.outbox.wantsAck) this.peer?.requestAck();
    if (shared === undefined) outgoing.settle();
  }
}

/**
 * Writes one message of a stream (a real-time match's snapshots) to a session's connection, if it
 * has one: serialised by the caller (often once for many), unnumbered and never kept for replay;
 * a resumed session gets a fresh full state instead.
 */
export const sendStream = (session: Session, type: ServerMessage['type'], json: string): void => {
  if (!session.ended) session.peer?.deliverStream(type, json);
};

/** Sends one message to many sessions, serialising it once for all of them. */
export const sendToAll = (sessions: Iterable<Session>, message: ServerMessage): void => {
  let shared: OutgoingMessage | undefined;
  for (const session of sessions) {
    shared ??= new OutgoingMessage(message);
    session.send(message, shared);
  }
  shared?.settle();
};
