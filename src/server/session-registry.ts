import { nickKey } from '../protocol/index.ts';
import type { Peer } from './peer.ts';
import type { Session } from './session.ts';

/** How many ended sessions' tokens are remembered, to tell "expired" from "unknown". */
const ENDED_TOKENS_KEPT = 10_000;

/** Every session (by id, nickname and resume token) and every open connection (by address). */
export class SessionRegistry {
  readonly #sessions = new Set<Session>();
  readonly #byNick = new Map<string, Session>();
  readonly #byToken = new Map<string, Session>();
  readonly #endedTokens = new Set<string>();
  readonly #perAddress = new Map<string, number>();

  /** Sessions, connected or away. */
  get size(): number {
    return this.#sessions.size;
  }

  /** Open connections from `address`. */
  countFrom(address: string): number {
    return this.#perAddress.get(address) ?? 0;
  }

  addSession(session: Session): void {
    this.#sessions.add(session);
    this.#byToken.set(session.token, session);
  }

  /** Forgets a session for good: its nickname is free and its token is spent. */
  removeSession(session: Session): void {
    if (!this.#sessions.delete(session)) return;
    if (session.nick !== null && this.#byNick.get(nickKey(session.nick)) === session) {
      this.#byNick.delete(nickKey(session.nick));
    }
    this.#byToken.delete(session.token);
    this.#rememberEnded(session.token);
  }

  /** Gives a session a new resume token; the old one stops working. */
  replaceToken(session: Session, token: string): void {
    this.#byToken.delete(session.token);
    this.#rememberEnded(session.token);
    session.token = token;
    this.#byToken.set(token, session);
  }

  #rememberEnded(token: string): void {
    this.#endedTokens.add(token);
    if (this.#endedTokens.size > ENDED_TOKENS_KEPT) {
      this.#endedTokens.delete(this.#endedTokens.values().next().value as string);
    }
  }

  /** The live session of a resume token. */
  byToken(token: string): Session | undefined {
    return this.#byToken.get(token);
  }

  /** True when the token belonged to a session that has ended or was resumed since. */
  isSpentToken(token: string): boolean {
    return this.#endedTokens.has(token);
  }

  addPeer(peer: Peer): void {
    peer.registered = true;
    const address = peer.connection.remoteAddress;
    this.#perAddress.set(address, this.countFrom(address) + 1);
  }

  removePeer(peer: Peer): void {
    if (!peer.registered) return;
    peer.registered = false;
    const address = peer.connection.remoteAddress;
    const left = this.countFrom(address) - 1;
    if (left > 0) this.#perAddress.set(address, left);
    else this.#perAddress.delete(address);
  }

  /** The session holding a nickname, compared without regard to case. */
  byNick(nick: string): Session | undefined {
    return this.#byNick.get(nickKey(nick));
  }

  /** Gives `session` the nickname `nick`, releasing its previous one. The caller checked it is free. */
  rename(session: Session, nick: string): void {
    if (session.nick !== null) this.#byNick.delete(nickKey(session.nick));
    session.nick = nick;
    this.#byNick.set(nickKey(nick), session);
  }

  /** Every session, connected or away. */
  sessions(): IterableIterator<Session> {
    return this.#sessions.values();
  }

  /** Every session with a nickname. */
  named(): IterableIterator<Session> {
    return this.#byNick.values();
  }

  /** Every open connection: the peers of the sessions (no set of its own: memory per connection). */
  *peers(): Generator<Peer> {
    for (const session of this.#sessions) if (session.peer?.registered) yield session.peer;
  }
}
